package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGradeCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{
			name:   "a right answer exits 0 and shows the canonical form",
			args:   []string{"grade", "--expected", "docker ps -a", "--given", "docker container ls --all"},
			code:   ExitOK,
			stdout: []string{"RIGHT\n", "canonical: docker container ls --all\n", "matched:   docker ps -a\n"},
		},
		{
			name:   "a wrong answer exits 3 with its reasons",
			args:   []string{"grade", "--expected", "docker run -p 8080:80 nginx", "--given", "docker run -p 80:8080 nginx"},
			code:   ExitFailed,
			stdout: []string{"WRONG\n", "canonical: docker container run --publish 8080:80 nginx\n", "answer:    docker run -p 8080:80 nginx\n", "  - --publish: got 80:8080, expected 8080:80 (host and container ports are swapped"},
		},
		{
			name:   "an answer docker rejects is wrong",
			args:   []string{"grade", "--expected", "docker run nginx", "--given", "docker run -x nginx"},
			code:   ExitFailed,
			stdout: []string{"  - flag -x is not a flag of docker container run\n"},
		},
		{
			name:   "accepted answers keep their commas",
			args:   []string{"grade", "--expected", "docker ps", "--accept", "docker ps --filter label=a,b", "--given", "docker ps -f label=a,b"},
			code:   ExitOK,
			stdout: []string{"matched:   docker ps --filter label=a,b\n"},
		},
		{
			name:   "a cloze answered with the whole line",
			args:   []string{"grade", "--prompt", "List the exited containers' IDs: docker ps -a ____ status=exited -q", "--expected", "--filter", "--accept", "-f", "--given", "docker ps -a -f status=exited -q"},
			code:   ExitOK,
			stdout: []string{"RIGHT\n", "line:      docker ps -a --filter status=exited -q\n"},
		},
		{
			name:   "sudo and /bin/sh are right with notes",
			args:   []string{"grade", "--expected", "docker run -it myapp:1 sh", "--given", "sudo docker run -it myapp:1 /bin/sh"},
			code:   ExitOK,
			stdout: []string{"RIGHT\n", "notes:\n", "  - graded without sudo", "  - /bin/sh for sh"},
		},
		{
			name:   "an en dash is named",
			args:   []string{"grade", "--expected", "docker ps -a", "--given", "docker ps –a"},
			code:   ExitFailed,
			stdout: []string{"WRONG\n", "–a has an en dash (U+2013) where docker needs -"},
		},
		{
			name:   "--mount keys in any order",
			args:   []string{"grade", "--expected", "docker run --mount source=data,target=/data redis", "--given", "docker run --mount dst=/data,type=volume,src=data redis"},
			code:   ExitOK,
			stdout: []string{"RIGHT\n"},
		},
		{
			name:   "dockerfile mode",
			args:   []string{"grade", "--mode", "dockerfile", "--expected", `CMD ["nginx"]`, "--given", "CMD nginx"},
			code:   ExitFailed,
			stdout: []string{"form: got shell form, expected exec form"},
		},
		{
			name:   "term mode",
			args:   []string{"grade", "--mode", "term", "--expected", "union file system", "--given", "Union File System"},
			code:   ExitOK,
			stdout: []string{"RIGHT\n"},
		},
		{
			name:   "an unknown mode is a usage error",
			args:   []string{"grade", "--mode", "fuzzy", "--expected", "a", "--given", "a"},
			code:   ExitUsage,
			stderr: `--mode: unknown mode "fuzzy"`,
		},
		{
			name:   "--given is required",
			args:   []string{"grade", "--expected", "docker ps"},
			code:   ExitUsage,
			stderr: `required flag(s) "given" not set`,
		},
		{
			name:   "arguments are a usage error",
			args:   []string{"grade", "--expected", "docker ps", "--given", "docker ps", "extra"},
			code:   ExitUsage,
			stderr: "unknown command",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), tt.args, app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			for _, s := range tt.stdout {
				assert.Contains(t, out.String(), s)
			}
			if tt.stderr == "" {
				assert.Empty(t, errOut.String(), "a verdict is data, not an error")
			} else {
				assert.Contains(t, errOut.String(), tt.stderr)
				assert.Empty(t, out.String())
			}
		})
	}
}

func TestGradeCommandPrintsJSON(t *testing.T) {
	app, out, errOut := testApp(t, "")
	code := Run(context.Background(), []string{"grade", "--json", "--expected", "docker run -d --name nginx-test nginx", "--given", "docker run --name web nginx"}, app)
	assert.Equal(t, ExitFailed, code)
	assert.Empty(t, errOut.String())
	var v struct {
		Right     bool     `json:"right"`
		Canonical string   `json:"canonical"`
		Matched   string   `json:"matched"`
		Reasons   []string `json:"reasons"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &v), out.String())
	assert.False(t, v.Right)
	assert.Equal(t, "docker container run --detach --name nginx-test nginx", v.Canonical)
	assert.Empty(t, v.Matched)
	assert.Equal(t, []string{"missing --detach", "--name: got web, expected nginx-test"}, v.Reasons)

	app, out, _ = testApp(t, "")
	code = Run(context.Background(), []string{"grade", "--json", "--expected", "docker ps -a", "--given", "docker ps --all"}, app)
	assert.Equal(t, ExitOK, code)
	assert.JSONEq(t, `{"right": true, "canonical": "docker container ls --all", "matched": "docker ps -a", "reasons": [], "answer": "docker ps -a"}`, out.String())
}
