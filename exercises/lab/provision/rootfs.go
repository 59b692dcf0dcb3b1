package provision

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// aptDir is the host's apt configuration directory; tests point it elsewhere.
var aptDir = "/etc/apt"

// hostSources returns the host's apt sources for suite, ready to pass to
// mmdebstrap: one-line entries as they are, deb822 stanzas written to a
// .sources file in tmp. Only binary ("deb") sources of the suite and its
// updates and security suites are kept, so that unrelated or unreachable
// repositories of the host do not break the build. No mirror is named by
// dockdrill: the host's apt configuration decides where packages come from.
func hostSources(suite, tmp string) ([]string, error) {
	var mirrors []string
	var stanzas []string
	files := []string{filepath.Join(aptDir, "sources.list")}
	more, _ := filepath.Glob(filepath.Join(aptDir, "sources.list.d", "*"))
	files = append(files, more...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasSuffix(f, ".list"):
			mirrors = append(mirrors, listEntries(string(data), suite)...)
		case strings.HasSuffix(f, ".sources"):
			stanzas = append(stanzas, deb822Stanzas(string(data), suite)...)
		}
	}
	if len(stanzas) > 0 {
		p := filepath.Join(tmp, "host.sources")
		if err := os.WriteFile(p, []byte(strings.Join(stanzas, "\n\n")+"\n"), 0o644); err != nil {
			return nil, err
		}
		mirrors = append(mirrors, p)
	}
	if len(mirrors) == 0 {
		return nil, fmt.Errorf("no apt source for Debian %s in %s/sources.list or %s/sources.list.d: the offline lab build installs its packages through the host's apt sources", suite, aptDir, aptDir)
	}
	return mirrors, nil
}

// suiteMatches reports whether an apt suite belongs to the wanted release
// (bookworm, bookworm-updates, bookworm-security, bookworm/updates).
func suiteMatches(s, suite string) bool {
	return s == suite || strings.HasPrefix(s, suite+"-") || strings.HasPrefix(s, suite+"/")
}

// listEntries returns the one-line "deb" entries of a sources.list file for
// the suite.
func listEntries(data, suite string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		fields := strings.Fields(line)
		if len(fields) < 3 || fields[0] != "deb" {
			continue
		}
		rest := fields[1:]
		if strings.HasPrefix(rest[0], "[") { // options: [arch=amd64 signed-by=...]
			for len(rest) > 0 && !strings.HasSuffix(rest[0], "]") {
				rest = rest[1:]
			}
			if len(rest) > 0 {
				rest = rest[1:]
			}
		}
		if len(rest) >= 2 && suiteMatches(rest[1], suite) {
			out = append(out, line)
		}
	}
	return out
}

// deb822Stanzas returns the enabled binary stanzas of a deb822 .sources file
// that name the suite, with Types reduced to deb.
func deb822Stanzas(data, suite string) []string {
	var out []string
	for _, stanza := range strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n\n") {
		var lines []string
		fields := map[string]string{}
		for _, line := range strings.Split(stanza, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") || strings.TrimSpace(line) == "" {
				continue
			}
			lines = append(lines, line)
			if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") {
				fields[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
			}
		}
		if len(lines) == 0 || strings.EqualFold(fields["enabled"], "no") {
			continue
		}
		if !slices.Contains(strings.Fields(fields["types"]), "deb") {
			continue
		}
		match := false
		for _, s := range strings.Fields(fields["suites"]) {
			match = match || suiteMatches(s, suite)
		}
		if !match {
			continue
		}
		for i, line := range lines {
			if k, _, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "types") {
				lines[i] = "Types: deb"
			}
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return out
}

// hostAptOptions returns the host's apt settings that decide how packages
// are fetched (proxies, validity checks, retries), as apt-config prints them,
// for mmdebstrap's --aptopt.
func hostAptOptions(ctx context.Context) []string {
	out, err := exec.CommandContext(ctx, "apt-config", "dump").Output()
	if err != nil {
		return nil
	}
	var opts []string
	for _, line := range strings.Split(string(out), "\n") {
		key, _, _ := strings.Cut(line, " ")
		lower := strings.ToLower(key)
		switch {
		case strings.HasPrefix(lower, "acquire::") && strings.Contains(lower, "::proxy"),
			lower == "acquire::check-valid-until", lower == "acquire::check-date",
			lower == "acquire::retries", lower == "acquire::forceipv4":
			opts = append(opts, line)
		}
	}
	return opts
}

// buildRootfs writes the Debian root filesystem as a tarball to out with
// mmdebstrap, streaming its messages to the progress log.
func buildRootfs(ctx context.Context, rootfs rootfsSpec, out string, p *progress) error {
	mm, err := exec.LookPath("mmdebstrap")
	if err != nil {
		return errors.New("the lab images cannot be pulled and mmdebstrap is not installed to build them offline: install it (apt-get install mmdebstrap) or make Docker Hub reachable")
	}
	mirrors, err := hostSources(rootfs.Suite, filepath.Dir(out))
	if err != nil {
		return err
	}
	args := []string{
		"--variant=" + rootfs.Variant,
		"--include=" + strings.Join(rootfs.Packages, ","),
		"--format=tar",
		// dpkg's fsync after every unpacked file buys nothing for a
		// tarball that is written out at the end.
		"--dpkgopt=force-unsafe-io",
	}
	for _, o := range hostAptOptions(ctx) {
		args = append(args, "--aptopt="+o)
	}
	// The excluded paths go at the end, not through dpkg's path-exclude:
	// with path-exclude mmdebstrap pipes every essential package through
	// its Python tar filter, which took a minute of the build here.
	for _, e := range rootfs.Excludes {
		args = append(args, `--customize-hook=rm -rf "$1"`+e)
	}
	args = append(args, rootfs.Suite, out)
	args = append(args, mirrors...)

	cmd := exec.CommandContext(ctx, mm, args...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("mmdebstrap: %w", err)
	}
	var tail []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			p.stepf("rootfs: %s", line)
			tail = append(tail, line)
			if len(tail) > 20 {
				tail = tail[1:]
			}
		}
	}()
	err = cmd.Wait()
	pw.Close()
	<-done
	if err != nil {
		return fmt.Errorf("mmdebstrap %s failed: %w\n%s", rootfs.Suite, err, strings.Join(tail, "\n"))
	}
	return nil
}
