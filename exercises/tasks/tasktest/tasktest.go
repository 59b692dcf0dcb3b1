// Package tasktest proves the checkers of exercises/tasks on a real Docker
// engine. For each task it holds the proof's own copy of the reference
// solution (the deck's solution text is never executed) and the common
// mistakes the checker must catch, and Prove performs them with the docker
// CLI: the solution must pass every item, each mistake must fail the item
// it names with the reason a learner would read.
//
// The names a task fixes (dd-web, port 8081) are mapped to names of the
// proof's own, so that proofs run beside each other and beside a learner's
// work: dd-web becomes dd-<run>-s-web, port 8081 a free port.
package tasktest

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/moby/moby/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"mvdan.cc/sh/v3/shell"
)

// Steps are what a learner does: files written into the task's folder
// (a Dockerfile, a .dockerignore) and docker command lines, run in order in
// that folder. A line may use $DD_REGISTRY (the task's registry), $DD_DIR
// (its folder) and $DIGEST (the digest the last docker push printed).
type Steps struct {
	Files map[string]string
	Lines []string
}

// Mistake is a common wrong way to do a task, and what the checker must
// say about it.
type Mistake struct {
	Name  string // what the learner got wrong, e.g. "an anonymous volume instead of the named one"
	Steps Steps
	// Item is (a part of) the item that must fail; Reason a part of the
	// reason it must give.
	Item, Reason string
}

// Proof is the reference solution of a task and its common mistakes.
type Proof struct {
	Solution Steps
	Mistakes []Mistake
}

// Upstream images a solution names, by lab role; a proof runs the lab's
// image of the role instead.
var Upstream = map[string]lab.Role{}

func init() {
	for _, r := range lab.Roles {
		Upstream[r.Upstream()] = r
	}
}

var (
	decksOnce sync.Once
	decks     *deck.Set
	decksErr  error
)

// Card returns the task card whose check is name.
func Card(name string) (*deck.Card, error) {
	decksOnce.Do(func() { decks, decksErr = deck.Load(deck.LoadOptions{}) })
	if decks == nil {
		return nil, decksErr
	}
	for _, c := range decks.Tasks() {
		if c.Check == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no task card has check = %q", name)
}

// Prove performs the reference solution of the task whose checker is name
// and sees every item pass, then performs each common mistake and sees the
// checker fail the item it names with its reason.
func Prove(t *testing.T, l *lab.Lab, name string) {
	t.Helper()
	task, ok := tasks.Lookup(name)
	require.True(t, ok, "checker %s is registered", name)
	proof, ok := Proofs[name]
	require.True(t, ok, "tasktest.Proofs has the solution of %s", name)
	card, err := Card(name)
	require.NoError(t, err)

	var registry string
	if slices.Contains(card.Needs, deck.NeedRegistry) {
		registry = l.StartRegistry()
	}
	s := newScenario(t, l, task, card, registry, "s")
	s.perform(proof.Solution, true)
	s.checkCleanup()
	results := s.await(func(rs []tasks.Result) bool { return tasks.Passed(rs) })
	t.Logf("solution:\n%s", tasks.Format(results))
	for _, r := range results {
		assert.True(t, r.OK, "the reference solution passes %q: %s", r.Item, r.Reason)
	}

	for i, m := range proof.Mistakes {
		s := newScenario(t, l, task, card, registry, fmt.Sprintf("m%d", i))
		s.perform(m.Steps, false)
		item, reason := s.ports(m.Item), s.ports(m.Reason)
		failing := func(rs []tasks.Result) bool {
			for _, r := range rs {
				if !r.OK && strings.Contains(r.Item, item) && strings.Contains(r.Reason, reason) {
					return true
				}
			}
			return false
		}
		results := s.await(failing)
		t.Logf("mistake %q:\n%s", m.Name, tasks.Format(results))
		assert.True(t, failing(results), "mistake %q fails the item %q with a reason containing %q", m.Name, m.Item, m.Reason)
		assert.False(t, tasks.Passed(results), "mistake %q does not pass", m.Name)
	}
}

// Setup performs the reference solution of the task whose checker is
// name, waits until every item passes, and returns the task and the
// environment its checker reads: for benchmarks of the check.
func Setup(tb testing.TB, l *lab.Lab, name string) (*tasks.Task, *tasks.Env) {
	tb.Helper()
	task, ok := tasks.Lookup(name)
	require.True(tb, ok, "checker %s is registered", name)
	card, err := Card(name)
	require.NoError(tb, err)
	var registry string
	if slices.Contains(card.Needs, deck.NeedRegistry) {
		registry = l.StartRegistry()
	}
	s := newScenario(tb, l, task, card, registry, "b")
	s.perform(Proofs[name].Solution, true)
	rs := s.await(tasks.Passed)
	require.True(tb, tasks.Passed(rs), "the solution passes:\n%s", tasks.Format(rs))
	return task, s.env
}

// scenario is one attempt at a task, with names of its own.
type scenario struct {
	t      testing.TB
	l      *lab.Lab
	task   *tasks.Task
	card   *deck.Card
	prefix string
	env    *tasks.Env
	digest string
}

func newScenario(t testing.TB, l *lab.Lab, task *tasks.Task, card *deck.Card, registry, tag string) *scenario {
	t.Helper()
	s := &scenario{t: t, l: l, task: task, card: card, prefix: l.Name(tag)}
	env := &tasks.Env{
		Client:   l.Client,
		Names:    map[string]string{},
		Ports:    map[int]int{},
		Registry: registry,
		Images:   map[string][]string{},
		Labels:   l.Labels(),
	}
	text := card.Prompt + "\n" + card.Solution + "\n" + strings.Join(card.Cleanup, "\n")
	for _, p := range Proofs[task.Name].all() {
		text += "\n" + strings.Join(p.Lines, "\n")
		for _, f := range p.Files {
			text += "\n" + f
		}
	}
	for _, n := range tasks.NamesIn(text) {
		env.Names[n] = l.Name(tag + "-" + strings.TrimPrefix(n, "dd-"))
	}
	for _, p := range task.Ports {
		env.Ports[p] = lab.FreePort(t)
	}
	for up, role := range Upstream {
		env.Images[string(role)] = []string{up, l.Image(role)}
	}
	if slices.Contains(card.Needs, deck.NeedFolder) {
		env.Dir = l.Dir(task.Files)
	}
	s.env = env
	return s
}

// all returns the steps of the solution and every mistake.
func (p Proof) all() []Steps {
	out := []Steps{p.Solution}
	for _, m := range p.Mistakes {
		out = append(out, m.Steps)
	}
	return out
}

// ports maps the task's host ports in text onto the scenario's.
func (s *scenario) ports(text string) string {
	for from, to := range s.env.Ports {
		text = strings.ReplaceAll(text, fmt.Sprintf("127.0.0.1:%d", from), fmt.Sprintf("127.0.0.1:%d", to))
	}
	return text
}

// rewrite maps the task's names, ports and upstream images in s onto the
// scenario's.
func (s *scenario) rewrite(text string) string {
	return s.ports(s.env.Name(text))
}

// image maps an upstream image reference to the lab's image of its role.
func (s *scenario) image(word string) string {
	if role, ok := Upstream[word]; ok {
		return s.l.Image(role)
	}
	return word
}

var (
	fromLine   = regexp.MustCompile(`(?m)^(FROM\s+)(\S+)`)
	pushDigest = regexp.MustCompile(`digest: (sha256:[0-9a-f]{64})`)
)

// perform writes the files and runs the lines; with must, a failing line
// fails the test (a mistake may fail, as it would for the learner).
func (s *scenario) perform(steps Steps, must bool) {
	t := s.t
	t.Helper()
	if len(steps.Files) > 0 {
		require.NotEmpty(t, s.env.Dir, "a task with files needs a folder")
	}
	for name, content := range steps.Files {
		content = fromLine.ReplaceAllStringFunc(s.rewrite(content), func(m string) string {
			sub := fromLine.FindStringSubmatch(m)
			return sub[1] + s.image(sub[2])
		})
		require.NoError(t, os.WriteFile(filepath.Join(s.env.Dir, name), []byte(content), 0o644))
	}
	for _, line := range steps.Lines {
		words, err := shell.Fields(s.rewrite(line), func(v string) string {
			switch v {
			case "DD_REGISTRY":
				return s.env.Registry
			case "DD_DIR":
				return s.env.Dir
			case "DIGEST":
				return s.digest
			}
			return ""
		})
		require.NoError(t, err, "split %q", line)
		require.Equal(t, "docker", words[0], "a step is a docker command: %q", line)
		args := s.label(words[1:])
		for i, w := range args {
			args[i] = s.image(w)
		}
		out, err := s.docker(args...)
		// A learner waits for a server that is still starting and tries
		// again (a push to a registry just started): so does a solution.
		for deadline := time.Now().Add(30 * time.Second); must && err != nil && time.Now().Before(deadline); {
			select {
			case <-s.l.Ctx.Done():
			case <-time.After(time.Second):
			}
			out, err = s.docker(args...)
		}
		if must {
			require.NoError(t, err, "docker %s: %s", strings.Join(args, " "), out)
		}
		if m := pushDigest.FindStringSubmatch(out); m != nil {
			s.digest = m[1]
		}
	}
	s.forgetImages()
}

// label adds the lab's labels to the commands that create containers,
// volumes and networks, so that the test's cleanup finds them.
func (s *scenario) label(args []string) []string {
	at := -1
	switch {
	case len(args) > 0 && (args[0] == "run" || args[0] == "create"):
		at = 1
	case len(args) > 1 && (args[0] == "volume" || args[0] == "network" || args[0] == "container") && (args[1] == "create" || args[1] == "run"):
		at = 2
	}
	if at < 0 {
		return slices.Clone(args)
	}
	return slices.Concat(args[:at], s.l.LabelArgs(), args[at:])
}

// docker runs the docker CLI in the task's folder.
func (s *scenario) docker(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(s.l.Ctx, 3*time.Minute)
	defer cancel()
	unlock, err := provision.LockFor(ctx, args)
	if err != nil {
		return "", err
	}
	defer unlock()
	cmd := exec.CommandContext(ctx, "docker", args...)
	cmd.Dir = s.env.Dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

// forgetImages hands every image named for this scenario to the lab's
// cleanup.
func (s *scenario) forgetImages() {
	imgs, err := s.l.Client.ImageList(s.l.Ctx, client.ImageListOptions{})
	require.NoError(s.t, err)
	for _, img := range imgs.Items {
		for _, ref := range slices.Concat(img.RepoTags, img.RepoDigests) {
			if strings.Contains(ref, s.prefix) {
				s.l.RemoveImageAtEnd(ref)
			}
		}
	}
}

// await checks until done accepts the results or 60 seconds pass (a
// server starting, a health check's first run), and returns the last
// results.
func (s *scenario) await(done func([]tasks.Result) bool) []tasks.Result {
	deadline := time.Now().Add(60 * time.Second)
	for {
		rs := s.task.Run(s.l.Ctx, s.env)
		if done(rs) || time.Now().After(deadline) || s.l.Ctx.Err() != nil {
			return rs
		}
		select {
		case <-s.l.Ctx.Done():
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// checkCleanup sees that the card's cleanup names every container, volume
// and network the solution made.
func (s *scenario) checkCleanup() {
	want := map[string]bool{}
	for _, e := range s.card.Cleanup {
		kind, name := deck.CleanupObject(e)
		want[kind+":"+s.env.Name(name)] = true
	}
	made := Made(s.l.Ctx, s.l.Client, lab.LabelRun+"="+s.l.RunID(), s.prefix)
	for _, m := range made {
		assert.True(s.t, want[m], "the solution made %s, which the card's cleanup does not name (cleanup: %v)", m, slices.Sorted(maps.Keys(want)))
	}
}

// Made lists the containers, volumes and networks carrying label whose
// names start with prefix, written kind:name.
func Made(ctx context.Context, cli *client.Client, label, prefix string) []string {
	f := make(client.Filters).Add("label", label)
	var out []string
	if ctrs, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f}); err == nil {
		for _, c := range ctrs.Items {
			for _, n := range c.Names {
				if n = strings.TrimPrefix(n, "/"); strings.HasPrefix(n, prefix) {
					out = append(out, "container:"+n)
				}
			}
		}
	}
	if vols, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f}); err == nil {
		for _, v := range vols.Items {
			if strings.HasPrefix(v.Name, prefix) {
				out = append(out, "volume:"+v.Name)
			}
		}
	}
	if nets, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f}); err == nil {
		for _, n := range nets.Items {
			if strings.HasPrefix(n.Name, prefix) {
				out = append(out, "network:"+n.Name)
			}
		}
	}
	return out
}

// DockerLines returns the docker command lines of a solution text.
func DockerLines(text string) []string {
	var out []string
	for line := range strings.SplitSeq(text, "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "docker ") {
			out = append(out, line)
		}
	}
	return out
}
