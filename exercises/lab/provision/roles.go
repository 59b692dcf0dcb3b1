package provision

import (
	"fmt"
	"strings"
)

// Role names a kind of lab image. A proof depends on a role's contract,
// never on which image fulfils it.
type Role string

// The roles of the lab.
const (
	// Shell has a POSIX sh, wget, nc, ip, ps and sleep (upstream: busybox).
	Shell Role = "shell"
	// Redis runs redis-server on port 6379 with its data in /data and has
	// redis-cli (upstream: redis:7-alpine).
	Redis Role = "redis"
	// Web runs nginx serving /usr/share/nginx/html on port 80 (upstream:
	// nginx:alpine).
	Web Role = "web"
	// Registry runs the Docker distribution registry on port 5000 with its
	// storage in /var/lib/registry (upstream: registry:2).
	Registry Role = "registry"
	// Base is Debian bookworm, for the FROM lines of Dockerfiles (upstream:
	// debian:bookworm-slim).
	Base Role = "base"
)

// Roles lists every role in the order they are prepared and shown.
var Roles = []Role{Shell, Base, Redis, Web, Registry, Daemon}

// upstream is the image each role uses where a registry is reachable.
var upstream = map[Role]string{
	Shell:    "busybox:1.36",
	Redis:    "redis:7-alpine",
	Web:      "nginx:alpine",
	Registry: "registry:2",
	Base:     "debian:bookworm-slim",
}

// Upstream returns the upstream image reference of the role.
func (r Role) Upstream() string { return upstream[r] }

// Offline returns the reference of the role's offline build.
func (r Role) Offline() string { return "dockdrill-lab/" + string(r) + ":latest" }

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return "", fmt.Errorf("unknown lab role %q (roles: %s)", s, strings.Join(names, ", "))
}

// ProofRepository prefixes the repository of every image a proof builds
// with a name (Lab.ImageRef).
const ProofRepository = "dockdrill-proof/"

// Labels that mark what the lab made. Containers, networks and volumes that
// proofs create carry LabelLab; images the lab builds carry LabelRole and
// LabelRecipe instead, because containers inherit the labels of their image.
const (
	LabelLab     = "dockdrill.lab"         // "true" on every container, network and volume of a proof
	LabelTest    = "dockdrill.lab.test"    // the test's name
	LabelRun     = "dockdrill.lab.run"     // one id per test, for its cleanup
	LabelPackage = "dockdrill.lab.package" // the proof package, for its leak check
	LabelRole    = "dockdrill.lab.role"    // the role of an image the lab built
	LabelRecipe  = "dockdrill.lab.recipe"  // the hash of the recipe it was built from
)
