package provision

import (
	"context"
	"encoding/json"
	"net"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// The proofs run on the engine the docker CLI points at: DOCKER_HOST, else
// the CLI's current context (DOCKER_CONTEXT or the one `docker context use`
// chose). The moby client and testcontainers know only DOCKER_HOST, so a
// context other than the default one is turned into DOCKER_HOST,
// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for the whole test process, and all
// three talk to the same engine.

// cliContext is what `docker context inspect` says of a context.
type cliContext struct {
	Name      string
	Endpoints struct {
		Docker struct {
			Host          string
			SkipTLSVerify bool
		} `json:"docker"`
	}
	Storage struct {
		TLSPath string
	}
}

var cliContextOnce sync.Once

// UseCLIContext points DOCKER_HOST and its TLS settings at the docker CLI's
// current context, unless DOCKER_HOST is set or the context is the default
// one. It looks once per process.
func UseCLIContext() { cliContextOnce.Do(useCLIContext) }

func useCLIContext() {
	if os.Getenv("DOCKER_HOST") != "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "docker", "context", "inspect").Output()
	if err != nil {
		return
	}
	var cs []cliContext
	if json.Unmarshal(out, &cs) != nil || len(cs) != 1 || cs[0].Name == "default" || cs[0].Endpoints.Docker.Host == "" {
		return
	}
	c := cs[0]
	os.Setenv("DOCKER_HOST", c.Endpoints.Docker.Host)
	tls := filepath.Join(c.Storage.TLSPath, "docker")
	if _, err := os.Stat(filepath.Join(tls, "ca.pem")); err == nil && c.Storage.TLSPath != "" {
		os.Setenv("DOCKER_CERT_PATH", tls)
		if !c.Endpoints.Docker.SkipTLSVerify {
			os.Setenv("DOCKER_TLS_VERIFY", "1")
		}
	}
}

// EngineHost returns the address of the engine the proofs run on, as the
// docker CLI names it (unix:///var/run/docker.sock by default).
func EngineHost() string {
	UseCLIContext()
	return engineHost()
}

func engineHost() string {
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		return h
	}
	return "unix:///var/run/docker.sock"
}

// IsLocalHost reports whether an engine address is on this machine: a unix
// socket, a named pipe, or TCP to a loopback address.
func IsLocalHost(host string) bool {
	u, err := url.Parse(host)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "unix", "npipe", "":
		return true
	case "tcp", "http", "https":
		h := u.Hostname()
		if h == "localhost" {
			return true
		}
		ip, err := netip.ParseAddr(h)
		return err == nil && ip.IsLoopback()
	}
	return false
}

// PublishAddr is the address the engine publishes the proofs' ports on and
// where the proofs reach them: 127.0.0.1 for a local engine, so that no port
// opens on the machine's other interfaces; the engine's own address for an
// engine reached at an IP address elsewhere (whose loopback this process
// cannot reach). TESTCONTAINERS_HOST_OVERRIDE, when set, decides.
func PublishAddr() netip.Addr {
	UseCLIContext()
	if h := os.Getenv("TESTCONTAINERS_HOST_OVERRIDE"); h != "" {
		if ip, err := netip.ParseAddr(h); err == nil {
			return ip
		}
	}
	return enginePublishAddr(engineHost())
}

func enginePublishAddr(host string) netip.Addr {
	if !IsLocalHost(host) {
		if u, err := url.Parse(host); err == nil {
			if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
				return ip
			}
			if ips, err := net.LookupIP(u.Hostname()); err == nil && len(ips) > 0 {
				if ip, ok := netip.AddrFromSlice(ips[0]); ok {
					return ip.Unmap()
				}
			}
		}
	}
	return netip.MustParseAddr("127.0.0.1")
}

// PublishHost returns the address the lab publishes the proofs' ports on
// and reaches them at: 127.0.0.1 for a local engine.
func PublishHost() string { return PublishAddr().String() }

// HostOverride is the TESTCONTAINERS_HOST_OVERRIDE default: where published
// ports are reached.
func HostOverride() string {
	UseCLIContext()
	return enginePublishAddr(engineHost()).String()
}
