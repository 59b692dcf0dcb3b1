// Package tasks holds the checkers of dockdrill's hands-on tasks. A task
// card gives the learner a goal with every name fixed (a container dd-web
// publishing 127.0.0.1:8081); the learner reaches it on their own Docker
// engine; the task's checker then reads the live engine and says, item by
// item, what is there and what is missing.
//
// A checker observes behaviour where it can: it runs a read-only command in
// the learner's container, connects to a published port, fetches a page,
// asks the task's registry for a tag. It never changes what the learner
// made; where it must run an image to see what it does, it runs a
// throwaway container of its own, labelled dockdrill.lab, and removes it.
//
// This package is shipped in the dockdrill binary: it imports no testing
// code. Its proofs live in the area packages of exercises/ and use
// exercises/tasks/tasktest.
package tasks

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/moby/moby/client"
)

// Result is one expectation of a task, checked.
type Result struct {
	Item   string // what the task expects, e.g. "dd-web publishes port 80 on 127.0.0.1:8081"
	OK     bool
	Reason string // when not OK: what was found and what to do
}

// Task is a checker and what it needs to be set up.
type Task struct {
	Name  string            // the name a card's check key gives
	Ports []int             // the host ports on 127.0.0.1 the task's prompt fixes
	Files map[string]string // the files the task's folder starts with (needs = ["folder"])
	Check func(ctx context.Context, c *Checker)
}

var (
	mu       sync.RWMutex
	registry = map[string]*Task{}
)

// register adds a task; a name registered twice is a programming error.
func register(t *Task) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[t.Name]; dup {
		panic("tasks: checker " + t.Name + " registered twice")
	}
	registry[t.Name] = t
}

// Lookup returns the task whose checker is named name.
func Lookup(name string) (*Task, bool) {
	mu.RLock()
	defer mu.RUnlock()
	t, ok := registry[name]
	return t, ok
}

// Names lists every registered checker, sorted.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Sorted(maps.Keys(registry))
}

// Env is where a check looks: the engine, and how the task's fixed names,
// ports and places map onto it. For the learner every name and port is
// itself; a proof, which runs beside other proofs, maps them to names of
// its own.
type Env struct {
	Client *client.Client
	// Names maps a name of the task (dd-web) to the name to look for; a
	// name not in it is itself.
	Names map[string]string
	// Ports maps a host port of the task to the port to look at; a port
	// not in it is itself.
	Ports map[int]int
	// Registry is the host:port of the task's registry (needs registry).
	Registry string
	// Dir is the task's folder (needs folder).
	Dir string
	// Images maps a lab role (shell, redis, web, registry, base) to the
	// image references that fulfil it here: the upstream one and the
	// offline build; a check accepts any of them.
	Images map[string][]string
	// Labels are put on every throwaway container a check runs.
	Labels map[string]string
}

// Name returns the name to look for in place of the task's name n. It also
// maps names inside an image reference: $DD_REGISTRY/dd-box:1.
func (e *Env) Name(n string) string {
	n = strings.ReplaceAll(n, "$DD_REGISTRY", e.Registry)
	return nameRE.ReplaceAllStringFunc(n, func(s string) string {
		if m, ok := e.Names[s]; ok {
			return m
		}
		return s
	})
}

// nameRE matches a task's object name.
var nameRE = regexp.MustCompile(`dd-[a-z0-9]+(?:-[a-z0-9]+)*`)

// NamesIn returns every task object name (dd-…) in s.
func NamesIn(s string) []string { return nameRE.FindAllString(s, -1) }

// Port returns the port to look at in place of the task's port p.
func (e *Env) Port(p int) int {
	if m, ok := e.Ports[p]; ok {
		return m
	}
	return p
}

// Checker collects the results of one check.
type Checker struct {
	*Env
	results []Result
	cache   map[string]any
}

// Run checks the task in env and returns one result per expectation.
func (t *Task) Run(ctx context.Context, env *Env) []Result {
	c := &Checker{Env: env, cache: map[string]any{}}
	t.Check(ctx, c)
	return c.results
}

// expect records one expectation: ok, or not with the reason.
func (c *Checker) expect(item string, ok bool, reason string, args ...any) bool {
	r := Result{Item: item, OK: ok}
	if !ok {
		r.Reason = fmt.Sprintf(reason, args...)
	}
	c.results = append(c.results, r)
	return ok
}

// pass records an expectation that holds.
func (c *Checker) pass(item string) { c.expect(item, true, "") }

// fail records an expectation that does not hold.
func (c *Checker) fail(item, reason string, args ...any) { c.expect(item, false, reason, args...) }

// Passed reports whether every result is OK (and there is at least one).
func Passed(rs []Result) bool {
	for _, r := range rs {
		if !r.OK {
			return false
		}
	}
	return len(rs) > 0
}

// Format writes results as the learner sees them: ✓ or ✗, the item, and
// under a failed item the reason.
func Format(rs []Result) string {
	var b strings.Builder
	for _, r := range rs {
		if r.OK {
			fmt.Fprintf(&b, "  ✓ %s\n", r.Item)
			continue
		}
		fmt.Fprintf(&b, "  ✗ %s\n", r.Item)
		for line := range strings.SplitSeq(r.Reason, "\n") {
			fmt.Fprintf(&b, "      %s\n", line)
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
