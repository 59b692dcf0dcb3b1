package grade

import (
	"bytes"
	"context"
	goflag "flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The flag table in commands_table.go is generated from the docker CLI's
// own help and checked against it here, so that it cannot rot:
//
//	go test ./quiz/grade -run TestFlagTableMatchesDockerHelp -update
//
// rewrites the table from the docker binary on PATH. The docker CLI is run
// with DOCKER_HOST pointing at a socket that does not exist: with a daemon
// to ask, docker hides the flags that daemon's API version or OS lacks,
// and the table must hold every flag of the CLI reference. build is read
// from the legacy builder (DOCKER_BUILDKIT=0), since this machine has no
// buildx; buildx's build has more flags than the table knows.
var update = goflag.Bool("update", false, "rewrite commands_table.go from docker --help")

// tablePaths are the commands the table covers, in the order written.
var tablePaths = []string{
	"",
	"container attach", "container commit", "container cp", "container create", "container diff",
	"container exec", "container export", "container inspect", "container kill", "container logs",
	"container ls", "container pause", "container port", "container prune", "container rename",
	"container restart", "container rm", "container run", "container start", "container stats",
	"container stop", "container top", "container unpause", "container update", "container wait",
	"image build", "image history", "image import", "image inspect", "image load", "image ls",
	"image prune", "image pull", "image push", "image rm", "image save", "image tag",
	"network connect", "network create", "network disconnect", "network inspect", "network ls",
	"network prune", "network rm",
	"volume create", "volume inspect", "volume ls", "volume prune", "volume rm", "volume update",
	"system df", "system events", "system info", "system prune",
	"builder prune",
	"inspect", "login", "logout", "search", "version",
}

// dockerEnv is the environment of every docker child process: no daemon,
// an empty client configuration, the legacy builder.
func dockerEnv(t testing.TB) []string {
	dir := t.TempDir()
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"DOCKER_CONFIG=" + dir,
		"DOCKER_HOST=unix://" + dir + "/no-daemon.sock",
		"DOCKER_BUILDKIT=0",
		"DOCKER_CLI_HINTS=false",
		"LANG=C",
	}
}

// runDocker runs the docker CLI with args in env and returns its combined
// output. Its exit status does not matter: every probe here either fails
// on its command line or on the missing daemon.
func runDocker(t testing.TB, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "docker", args...)
	cmd.Env = env
	for _, kv := range env {
		if dir, ok := strings.CutPrefix(kv, "HOME="); ok {
			cmd.Dir = dir // files docker may write land in the test's directory
		}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run()
	require.NoError(t, ctx.Err(), "docker %s timed out", strings.Join(args, " "))
	return out.String()
}

func needDocker(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("no docker binary on PATH: the flag table cannot be checked against docker --help")
	}
}

// helpPage is what the grader needs from the text of docker <path> --help.
type helpPage struct {
	usage    string // after "Usage:  docker <path> "
	hasUsage bool
	aliases  []string
	flags    []flag
	commands []string
}

var (
	flagLine = regexp.MustCompile(`^(?:  -(\S), |      )--([A-Za-z0-9][A-Za-z0-9-]*)(?: ([A-Za-z0-9-]+))?(?:\s{2,}(.*))?$`)
	sections = regexp.MustCompile(`^(Options|Global Options|Commands|Management Commands|Common Commands|Swarm Commands|Aliases):$`)
)

// parseHelp reads a docker help page: its usage line, aliases, options
// ("-a, --all", "--name string", "--format string"; a flag without a type
// is boolean) and subcommands.
func parseHelp(path, text string) helpPage {
	var page helpPage
	section := ""
	var desc []string
	endFlag := func() {
		if n := len(page.flags); n > 0 && desc != nil && page.flags[n-1].isBool() {
			page.flags[n-1].defaultTrue = strings.Contains(strings.Join(desc, " "), "(default true)")
		}
		desc = nil
	}
	prefix := strings.TrimSpace("docker " + path)
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimRight(line, " \r")
		switch {
		case strings.HasPrefix(line, "Usage:"):
			u := strings.TrimSpace(strings.TrimPrefix(line, "Usage:"))
			page.usage = strings.TrimSpace(strings.TrimPrefix(u, prefix))
			page.hasUsage = true
			section = ""
			continue
		case sections.MatchString(line):
			endFlag()
			section = strings.TrimSuffix(line, ":")
			continue
		case line == "" || !strings.HasPrefix(line, " "):
			endFlag()
			section = ""
			continue
		}
		switch section {
		case "Aliases":
			for a := range strings.SplitSeq(strings.TrimSpace(line), ",") {
				page.aliases = append(page.aliases, strings.TrimPrefix(strings.TrimSpace(a), "docker "))
			}
		case "Options", "Global Options":
			m := flagLine.FindStringSubmatch(line)
			if m == nil {
				desc = append(desc, strings.TrimSpace(line))
				continue
			}
			endFlag()
			typ := m[3]
			if typ == "" {
				typ = "bool"
			}
			page.flags = append(page.flags, flag{long: m[2], short: m[1], typ: typ})
			desc = append(desc, m[4])
		case "Commands", "Management Commands", "Common Commands", "Swarm Commands":
			page.commands = append(page.commands, strings.Fields(line)[0])
		}
	}
	endFlag()
	return page
}

func helpArgs(path string) []string {
	return append(strings.Fields(path), "--help")
}

func TestParseHelpReadsFlagsAliasesAndUsage(t *testing.T) {
	text := `Usage:  docker container ls [OPTIONS]

List containers

Aliases:
  docker container ls, docker container list, docker container ps, docker ps

Options:
  -a, --all             Show all containers (default shows just running)
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
  -n, --last int        Show n last created containers (includes all
                        states) (default -1)
      --sig-proxy       Proxy received signals to the process (default
                        true)
`
	page := parseHelp("container ls", text)
	assert.Equal(t, "[OPTIONS]", page.usage)
	assert.Equal(t, []string{"container ls", "container list", "container ps", "ps"}, page.aliases)
	assert.Equal(t, []flag{
		{"all", "a", "bool", false},
		{"filter", "f", "filter", false},
		{"format", "", "string", false},
		{"last", "n", "int", false},
		{"sig-proxy", "", "bool", true},
	}, page.flags)
}

// TestFlagTableMatchesDockerHelp reads docker <command> --help for every
// command of the table and fails if a flag, its shorthand, whether it takes
// a value, its value type, an alias or the usage line differs. With
// -update it rewrites the table instead.
func TestFlagTableMatchesDockerHelp(t *testing.T) {
	t.Parallel()
	needDocker(t)
	env := dockerEnv(t)
	version := firstLine(runDocker(t, env, "version", "--format", "{{.Client.Version}}"))
	if *update {
		writeTable(t, env, version)
		return
	}
	t.Logf("docker CLI %s", version)

	var paths []string
	for _, c := range dockerCommands {
		paths = append(paths, c.path)
	}
	assert.Equal(t, tablePaths, paths, "the table covers the commands of tablePaths; run with -update")

	for _, c := range dockerCommands {
		t.Run("docker "+c.path, func(t *testing.T) {
			page := parseHelp(c.path, runDocker(t, env, helpArgs(c.path)...))
			require.True(t, page.hasUsage, "no usage line in docker %s --help", c.path)
			assert.Equal(t, page.usage, c.usage, "usage line")
			if c.path != "" {
				want := page.aliases
				if len(want) == 0 {
					want = []string{c.path}
				}
				assert.ElementsMatch(t, want, c.aliases, "aliases")
			}
			got := map[string]flag{}
			for _, f := range c.flags {
				got[f.long] = f
			}
			seen := map[string]bool{}
			for _, hf := range page.flags {
				seen[hf.long] = true
				tf, ok := got[hf.long]
				if !assert.Truef(t, ok, "docker %s has --%s (%s), the table does not", c.path, hf.long, hf.typ) {
					continue
				}
				assert.Equalf(t, hf.short, tf.short, "shorthand of --%s", hf.long)
				assert.Equalf(t, hf.isBool(), tf.isBool(), "whether --%s takes a value", hf.long)
				assert.Equalf(t, hf.typ, tf.typ, "value type of --%s", hf.long)
				assert.Equalf(t, hf.defaultTrue, tf.defaultTrue, "whether --%s defaults to true", hf.long)
			}
			for _, tf := range c.flags {
				assert.Truef(t, seen[tf.long], "the table has --%s for docker %s; docker's help does not", tf.long, c.path)
			}
		})
	}

	// Every subcommand of the management commands the grader models is in
	// the table, so a new one cannot go unnoticed.
	for group := range groups {
		page := parseHelp(group, runDocker(t, env, group, "--help"))
		require.NotEmpty(t, page.commands, "docker %s --help lists no commands", group)
		for _, sub := range page.commands {
			assert.NotNil(t, byPath[group+" "+sub], "docker %s %s is missing from the table", group, sub)
		}
	}
}

// TestArityAndInterspersingMatchDocker probes the docker CLI (without a
// daemon) with command lines that must fail on their arguments: one
// argument too few, one too many, and an unknown flag after a positional
// argument, which docker rejects only where flags may follow arguments.
// Only command lines the CLI rejects before doing anything are run.
func TestArityAndInterspersingMatchDocker(t *testing.T) {
	t.Parallel()
	needDocker(t)
	env := dockerEnv(t)
	arityErr := regexp.MustCompile(`requires (at least|at most|exactly|\d)|accepts no argument`)
	for _, c := range dockerCommands {
		if c.path == "" {
			continue
		}
		t.Run("docker "+c.path, func(t *testing.T) {
			base := strings.Fields(c.path)
			args := func(n int, extra ...string) []string {
				a := slices.Clone(base)
				for i := range n {
					a = append(a, fmt.Sprintf("arg%d", i))
				}
				return append(a, extra...)
			}
			if c.args.min > 0 {
				out := runDocker(t, env, args(c.args.min-1)...)
				assert.Regexp(t, arityErr, out, "docker %s with %d arguments", c.path, c.args.min-1)
			}
			if c.args.max >= 0 {
				out := runDocker(t, env, args(c.args.max+1)...)
				assert.Regexp(t, arityErr, out, "docker %s with %d arguments", c.path, c.args.max+1)
			}
			if c.args.max != 0 {
				out := runDocker(t, env, args(1, "--zz-not-a-flag")...)
				rejected := strings.Contains(out, "unknown flag: --zz-not-a-flag")
				assert.Equal(t, c.interspersed, rejected, "flags after arguments of docker %s; docker said: %s", c.path, firstLine(out))
			}
		})
	}
}

// TestHiddenFlagsAreAccepted checks that docker still accepts the hidden
// flags the grader knows, and still hides them.
func TestHiddenFlagsAreAccepted(t *testing.T) {
	needDocker(t)
	env := dockerEnv(t)
	for path, hidden := range hiddenFlags {
		c := byPath[path]
		require.NotNil(t, c, path)
		for _, h := range hidden {
			f := c.long[h.name]
			args := append(strings.Fields(path), "--"+h.name)
			if !f.isBool() {
				args = append(args, "1")
			}
			out := runDocker(t, env, append(args, "--zz-not-a-flag")...)
			assert.Contains(t, out, "unknown flag: --zz-not-a-flag", "docker %s does not accept --%s: %s", path, h.name, firstLine(out))
			listed := slices.ContainsFunc(c.flags, func(f flag) bool { return f.long == h.name })
			assert.False(t, listed, "--%s of docker %s is in the table; it is not hidden", h.name, path)
		}
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// writeTable regenerates commands_table.go from the docker CLI's help.
func writeTable(t *testing.T, env []string, version string) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by go test -run TestFlagTableMatchesDockerHelp -update from docker CLI %s --help; DO NOT EDIT.\n\n", version)
	b.WriteString("package grade\n\n")
	b.WriteString("// dockerCommands are the docker commands the grader knows, with their\n// aliases, usage lines and flags, as docker's help lists them.\n")
	b.WriteString("var dockerCommands = []*command{\n")
	for _, path := range tablePaths {
		page := parseHelp(path, runDocker(t, env, helpArgs(path)...))
		require.True(t, page.hasUsage, "no usage line in docker %s --help", path)
		aliases := page.aliases
		if len(aliases) == 0 && path != "" {
			aliases = []string{path}
		}
		fmt.Fprintf(&b, "{path: %q, usage: %q,", path, page.usage)
		if len(aliases) > 0 {
			fmt.Fprintf(&b, "aliases: %#v,", aliases)
		}
		b.WriteString("flags: []flag{\n")
		for _, f := range page.flags {
			fmt.Fprintf(&b, "{%q, %q, %q, %v},\n", f.long, f.short, f.typ, f.defaultTrue)
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile("commands_table.go", src, 0o644))
	t.Logf("wrote commands_table.go from docker %s", version)
}

// cliRejects matches what the docker CLI says when it rejects a command
// line before doing anything.
var cliRejects = regexp.MustCompile(`unknown flag|unknown shorthand flag|flag needs an argument|invalid argument|requires (at least|at most|exactly|\d)|accepts no argument|unknown command|bad flag syntax|conflicting options`)

// cliUnsafe are commands the agreement test does not run: they talk to
// registries or wait for input.
var cliUnsafe = map[string]bool{"login": true, "logout": true, "search": true, "image pull": true, "image push": true}

// TestVerdictsAgreeWithDockerCLI runs every plain docker command line of
// the table through the docker CLI (without a daemon) and checks that the
// grader rejects exactly the command lines the CLI rejects.
func TestVerdictsAgreeWithDockerCLI(t *testing.T) {
	t.Parallel()
	needDocker(t)
	env := dockerEnv(t)
	seen := map[string]bool{}
	checked := 0
	for _, c := range dockerCases {
		for _, line := range append([]string{c.expected, c.given}, c.accept...) {
			if seen[line] {
				continue
			}
			seen[line] = true
			p, err := parseProgram(line, false)
			if err != nil || len(p.calls) != 1 || len(p.calls[0].redirs) > 0 || len(p.calls[0].assigns) > 0 {
				continue
			}
			words := p.calls[0].words
			if len(words) == 0 || words[0].key != "docker" {
				continue
			}
			args := make([]string, 0, len(words)-1)
			plain := true
			for _, w := range words[1:] {
				plain = plain && w.plain()
				args = append(args, w.text)
			}
			if !plain {
				continue
			}
			d, gradeErr := parseDocker(words[1:])
			if gradeErr == nil && (d.cmd == nil || cliUnsafe[d.cmd.path]) {
				continue
			}
			if gradeErr != nil && strings.Contains(gradeErr.Error(), "needs a subcommand") {
				continue // docker prints the group's help; as an answer it is incomplete
			}
			out := runDocker(t, env, args...)
			rejected := cliRejects.MatchString(out)
			assert.Equalf(t, rejected, gradeErr != nil, "%s\n  grader: %v\n  docker: %s", line, gradeErr, firstLine(out))
			checked++
		}
	}
	t.Logf("%d command lines checked against the docker CLI", checked)
}
