package provision

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Daemon runs a Docker engine of its own: Debian's docker.io in a
// container, for the proofs that restart, configure or reach an engine in
// ways the learner's own must not be touched (upstream: none; it is always
// built offline, on a root filesystem of its own).
const Daemon Role = "daemon"

// daemonRootfsImage is the imported root filesystem of the daemon role. It
// is separate from the one the other roles build on, so that those keep
// their recipe hashes and their small size.
const daemonRootfsImage = "dockdrill-lab/rootfs-daemon:latest"

var daemonRootfs = rootfsSpec{
	Suite:   "bookworm",
	Variant: "minbase",
	Packages: []string{
		"docker.io", // dockerd, containerd, runc, tini and the docker CLI
		"iptables",  // the engine's networks and published ports
		"uidmap",    // newuidmap for userns-remap
		"iproute2",  // ip, for proofs that look at the engine's interfaces
		"procps",    // ps, for proofs that look at its processes
	},
	Excludes: rootfs.Excludes,
}

// rootfsOf returns the root filesystem a role is built on and the
// reference of its imported image.
func rootfsOf(r Role) (rootfsSpec, string) {
	if r == Daemon {
		return daemonRootfs, daemonRootfsImage
	}
	return rootfs, rootfsImage
}

// DaemonTLSPort is the port the daemon role listens on with TLS.
const DaemonTLSPort = "2376/tcp"

// DaemonCerts writes, into dir, a certificate authority made for this one
// daemon and the certificates signed by it: the server's (server-cert.pem,
// server-key.pem) for the names and addresses in hosts, and a client's under
// the names the docker CLI looks for in DOCKER_CERT_PATH (ca.pem, cert.pem,
// key.pem). Nothing else trusts this authority, and its key is not kept.
func DaemonCerts(dir string, hosts []string) error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now().Add(-time.Hour) // tolerate a clock a little behind
	ca := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "dockdrill lab daemon CA"},
		NotBefore:             now,
		NotAfter:              now.Add(48 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return err
	}
	if err := writePEM(filepath.Join(dir, "ca.pem"), "CERTIFICATE", caDER); err != nil {
		return err
	}
	leaf := func(name string, usage x509.ExtKeyUsage, certFile, keyFile string) error {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		tmpl := &x509.Certificate{
			SerialNumber: serial(),
			Subject:      pkix.Name{CommonName: name},
			NotBefore:    now,
			NotAfter:     now.Add(48 * time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
			ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		}
		if usage == x509.ExtKeyUsageServerAuth {
			for _, h := range hosts {
				if ip := net.ParseIP(h); ip != nil {
					tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
				} else {
					tmpl.DNSNames = append(tmpl.DNSNames, h)
				}
			}
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
		if err != nil {
			return err
		}
		keyDER, err := x509.MarshalECPrivateKey(key)
		if err != nil {
			return err
		}
		if err := writePEM(filepath.Join(dir, certFile), "CERTIFICATE", der); err != nil {
			return err
		}
		return writePEM(filepath.Join(dir, keyFile), "EC PRIVATE KEY", keyDER)
	}
	if err := leaf("dockdrill lab daemon", x509.ExtKeyUsageServerAuth, "server-cert.pem", "server-key.pem"); err != nil {
		return err
	}
	return leaf("dockdrill lab client", x509.ExtKeyUsageClientAuth, "cert.pem", "key.pem")
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return n
}

func writePEM(path, kind string, der []byte) error {
	mode := os.FileMode(0o644)
	if kind != "CERTIFICATE" {
		mode = 0o600
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), mode)
}
