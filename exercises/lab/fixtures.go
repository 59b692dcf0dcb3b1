package lab

// StartShell starts a long-running container of the shell role with the
// docker CLI (DockerRunDetached), with the given docker run options (mounts,
// networks), and returns its name.
func (l *Lab) StartShell(name string, opts ...string) string {
	l.T.Helper()
	return l.DockerRunDetached(name, append(opts, l.Image(Shell), "sleep", "300")...)
}

// Sh runs a shell script in the running container ctr with docker exec
// ctr sh -c script.
func (l *Lab) Sh(ctr, script string) CLIResult {
	l.T.Helper()
	return l.Docker("exec", ctr, "sh", "-c", script)
}

// BuildStamped builds an image of this test's own into ref and returns its
// ID: FROM the shell role, a file /stamp holding stamp (so the image is
// nobody else's), then the Dockerfile lines given.
func (l *Lab) BuildStamped(ref, stamp string, lines ...string) string {
	l.T.Helper()
	df := "FROM " + l.Image(Shell) + "\nCOPY stamp /stamp\n"
	for _, line := range lines {
		df += line + "\n"
	}
	return l.Build(ref, map[string]string{"Dockerfile": df, "stamp": stamp + "\n"})
}
