package dockerfile_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestWorkdirIsCreatedAndUsedByRunCmdAndExec(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// /srv/app does not exist in the shell image: WORKDIR creates it. The
	// second WORKDIR is relative to the first.
	ref := buildFiles(l, "workdir", map[string]string{
		"Dockerfile": from(l, lab.Shell) +
			"WORKDIR /srv\n" +
			"WORKDIR app\n" +
			"RUN pwd > built-in\n" +
			"COPY hello.txt .\n" +
			`CMD ["pwd"]` + "\n",
		"hello.txt": "hello\n",
	})

	assert.Equal(t, "/srv/app", inspectFormat(l, "image", "{{.Config.WorkingDir}}", ref))
	assert.Equal(t, "/srv/app", run(l, ref), "CMD runs in the WORKDIR")
	ctr := l.DockerRunDetached("workdir", ref, "sleep", "300")
	assert.Equal(t, "/srv/app", l.MustDocker("exec", ctr, "pwd"), "docker exec starts there too")
	assert.Equal(t, "/srv/app\nhello", l.MustDocker("exec", ctr, "cat", "/srv/app/built-in", "/srv/app/hello.txt"),
		"RUN ran there (its relative path landed there), and COPY to . copied into it")
}

func TestUserSetsTheUidOfRunCmdAndExec(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// A numeric uid needs no entry in /etc/passwd.
	ref := buildFiles(l, "user", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"RUN id -u > /tmp/before-user\n" +
		"USER 1234:1234\n" +
		"RUN id -u > /tmp/after-user\n" +
		`CMD ["id", "-u"]` + "\n"})

	assert.Equal(t, "1234:1234", inspectFormat(l, "image", "{{.Config.User}}", ref))
	assert.Equal(t, "1234", run(l, ref), "the container's process runs as that user")
	ctr := l.DockerRunDetached("user", ref, "sleep", "300")
	assert.Equal(t, "0\n1234", l.MustDocker("exec", ctr, "cat", "/tmp/before-user", "/tmp/after-user"),
		"RUN ran as root until USER, and as that user after it")
	assert.Equal(t, "1234:1234", l.MustDocker("exec", ctr, "sh", "-c", `echo "$(id -u):$(id -g)"`), "docker exec runs as that user and group too")
	assert.Equal(t, "0", l.MustDocker("exec", "-u", "0", ctr, "id", "-u"), "docker exec -u overrides it (so does docker run -u)")
}
