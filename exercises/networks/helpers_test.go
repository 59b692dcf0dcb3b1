package networks_test

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noOutsideDNS makes a container's resolver ask 127.0.0.1 instead of the
// host's name server. A name that Docker does not resolve itself then fails
// at once inside the machine, instead of being asked of a server outside it;
// on a laptop the outside server would not know the name either.
var noOutsideDNS = []string{"--dns", "127.0.0.1"}

// shellLocalDNS starts a long-running shell-role container (l.StartShell)
// with the given docker run options (networks, aliases) and returns its
// name. Unless it uses another namespace's network (none, host,
// container:), which has no DNS options of its own, its resolver asks
// 127.0.0.1 (noOutsideDNS).
func shellLocalDNS(l *lab.Lab, name string, opts ...string) string {
	l.T.Helper()
	dns := noOutsideDNS
	for i, o := range opts {
		if o == "--network" && i+1 < len(opts) {
			if m := opts[i+1]; m == "none" || m == "host" || strings.HasPrefix(m, "container:") {
				dns = nil
			}
		}
	}
	return l.StartShell(name, append(append([]string{}, dns...), opts...)...)
}

// web starts a web-role container (nginx on port 80) with the given docker
// run options and returns its name.
func web(l *lab.Lab, name string, opts ...string) string {
	l.T.Helper()
	return l.DockerRunDetached(name, append(opts, l.Image(lab.Web))...)
}

// createNetwork runs docker network create with the test's labels and the
// given options and returns the network's name.
func createNetwork(l *lab.Lab, name string, opts ...string) string {
	l.T.Helper()
	n := l.Name(name)
	l.MustDocker(append(append(append([]string{"network", "create"}, l.LabelArgs()...), opts...), n)...)
	return n
}

// ipOn returns the IPv4 address of a container on a network.
func ipOn(l *lab.Lab, ctr, network string) string {
	l.T.Helper()
	ip := l.MustDocker("inspect", "--format", fmt.Sprintf("{{(index .NetworkSettings.Networks %q).IPAddress}}", network), ctr)
	require.NotEmpty(l.T, ip, "%s has an address on %s", ctr, network)
	return ip
}

// fetch is a shell command that fetches the page at host from a web
// container within three seconds and fails otherwise. (It bounds wget with
// timeout rather than wget -T, which crashes some static busybox builds.)
func fetch(host string) string { return "timeout 3 wget -q -O - http://" + host + "/" }

// requireServes waits until client fetches a page from host, which proves
// both that the web server is up and that client reaches it.
func requireServes(t *testing.T, l *lab.Lab, client, host string) {
	t.Helper()
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		res := l.Sh(client, fetch(host))
		require.Equal(c, 0, res.Code, "%s fetches http://%s/: %s%s", client, host, res.Stdout, res.Stderr)
		require.Contains(c, res.Stdout, "<html", "a page")
	}, 45*time.Second, 200*time.Millisecond)
}

// refuses asserts that client cannot fetch a page from target, at the
// address host, within the three-second timeout of fetch. A page that does
// come back counts against the isolation only if target served it: its
// access log (nginx logs every request to the container's output) gains a
// request. Any other server that answers at that address (once seen in a
// loaded run: the cause was never caught) is reported with what the client
// saw of its interfaces and routes, so that the check says which it was.
func refuses(t *testing.T, l *lab.Lab, client, target, host, why string) {
	t.Helper()
	served := func() int {
		res := l.Docker("logs", target)
		return strings.Count(res.Stdout+res.Stderr, "GET / HTTP")
	}
	before := served()
	start := time.Now()
	res := l.Sh(client, fetch(host))
	assert.Less(t, time.Since(start), 30*time.Second, "the failure is bounded by the timeout")
	if res.Code == 0 {
		seen := l.Sh(client, "ip -4 addr; ip route").Stdout
		// The log line may reach docker logs a moment after the page.
		byTarget := false
		for deadline := time.Now().Add(3 * time.Second); !byTarget && time.Now().Before(deadline); {
			if byTarget = served() > before; !byTarget {
				<-time.After(100 * time.Millisecond)
			}
		}
		if byTarget {
			t.Errorf("%s: %s must not reach %s at %s, but it fetched its page:\n%s\nthe client's addresses and routes:\n%s",
				why, client, target, host, res.Stdout, seen)
		} else {
			t.Logf("%s: a server other than %s answered at %s (not a failure of the isolation):\n%s\nthe client's addresses and routes:\n%s",
				why, target, host, res.Stdout, seen)
		}
	}
}

// engineMajor returns the major version of the Docker engine, for the few
// behaviours that changed between engines.
func engineMajor(t *testing.T) int {
	t.Helper()
	v := lab.DockerVersion()
	major, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	require.NoError(t, err, "engine version %q", v)
	return major
}

// engineAtLeast reports whether the Docker engine is at least version
// major.minor.patch. Suffixes such as "+dfsg1" or "-rc.1" are ignored.
func engineAtLeast(t *testing.T, major, minor, patch int) bool {
	t.Helper()
	v := lab.DockerVersion()
	got := [3]int{}
	for i, part := range strings.SplitN(v, ".", 3) {
		if end := strings.IndexFunc(part, func(r rune) bool { return r < '0' || r > '9' }); end >= 0 {
			part = part[:end]
		}
		n, err := strconv.Atoi(part)
		require.NoError(t, err, "engine version %q", v)
		got[i] = n
	}
	want := [3]int{major, minor, patch}
	for i := range got {
		if got[i] != want[i] {
			return got[i] > want[i]
		}
	}
	return true
}

// runID returns this test's run id, which the lab puts in every name and
// label of the test.
func runID(l *lab.Lab) string { return l.RunID() }

// subnet returns a /24 in 10.200.0.0-10.249.255.0 derived from the test's
// run id and a salt, so that concurrent tests do not ask for the same one.
func subnet(l *lab.Lab, salt string) (cidr, prefix string) {
	h := sha256.Sum256([]byte(runID(l) + salt))
	prefix = fmt.Sprintf("10.%d.%d.", 200+int(h[0])%50, h[1])
	return prefix + "0/24", prefix
}

// linkName returns a network interface name of at most 15 characters,
// unique to this test, ending in suffix.
func linkName(l *lab.Lab, suffix string) string {
	h := sha256.Sum256([]byte(runID(l)))
	n := fmt.Sprintf("dd%x%s", h[:4], suffix)
	require.LessOrEqual(l.T, len(n), 15, "interface names have at most 15 characters")
	return n
}

// ipLinks parses `ip -o link` output into interface name to MAC address
// (empty for interfaces without one). A veth's name is shown as name@peer.
func ipLinks(out string) map[string]string {
	links := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimSuffix(f[1], ":"), "@")
		mac := ""
		for i := range f[:len(f)-1] {
			if strings.HasPrefix(f[i], "link/") && f[i] != "link/none" {
				mac = f[i+1]
			}
		}
		links[name] = mac
	}
	return links
}
