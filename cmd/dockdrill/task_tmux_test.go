package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTaskInARealTerminal does a task end to end with the real binary in
// tmux: the goal is shown, the learner performs the solution in a second
// window, the check passes, the review is recorded, and the cleanup removes
// exactly the task's objects.
func TestTaskInARealTerminal(t *testing.T) {
	cli, err := handson.ConnectEngine(t.Context())
	if err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	redis, err := (&provision.Provisioner{Client: cli}).Ensure(t.Context(), lab.Redis)
	require.NoError(t, err)
	docker := func(args ...string) error { return exec.Command("docker", args...).Run() }
	for _, name := range []string{"dd-cache"} {
		if docker("inspect", "--type", "container", name) == nil {
			t.Skipf("a container %s exists already; this test does not touch what it did not make", name)
		}
	}
	// Something of the learner's that is no object of the task: it stays.
	b := make([]byte, 4)
	rand.Read(b)
	bystander := "dd-bystander-" + hex.EncodeToString(b)
	require.NoError(t, docker("volume", "create", "--label", lab.LabelLab+"=true", bystander))
	t.Cleanup(func() {
		docker("volume", "rm", "-f", bystander)
		docker("rm", "-f", "dd-cache")
		docker("volume", "rm", "-f", "dd-cache-data")
	})

	bin := dockdrillBinary(t)
	e := newDrillEnv(t, nil)
	env := e.environ()
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		env = append(env, "DOCKER_HOST="+h)
	}
	p := newPane(t, env, bin+" task vol-task-named-redis")
	p.waitFor("the goal", func(all string) bool {
		return strings.Contains(all, "Run redis as a container named dd-cache") && strings.Contains(all, "Enter: check")
	})
	p.keys("Enter")
	p.waitFor("the first check failing", func(all string) bool { return strings.Contains(all, "✗ dd-cache is running") })

	// The learner works in a second window.
	p.tmux("new-window", "-d", "-t", "drill", "-n", "work", "sh") // sh keeps no history in HOME
	for _, line := range []string{
		"docker volume create dd-cache-data",
		fmt.Sprintf("docker run -d --name dd-cache -v dd-cache-data:/data -p 127.0.0.1:6390:6379 %s", redis[0].Ref),
	} {
		p.tmux("send-keys", "-t", "drill:work", "-l", line)
		p.tmux("send-keys", "-t", "drill:work", "Enter")
	}
	require.Eventually(t, func() bool {
		out, err := exec.Command("docker", "inspect", "--format", "{{.State.Running}}", "dd-cache").Output()
		return err == nil && strings.TrimSpace(string(out)) == "true"
	}, 60*time.Second, 100*time.Millisecond, "the solution typed in the second window starts dd-cache")

	// Redis may take a moment to answer: check until every item passes.
	deadline := time.Now().Add(30 * time.Second)
	for checks := 2; ; checks++ {
		p.keys("Enter")
		p.waitCount("check ", checks)
		p.waitFor("the check's end", func(all string) bool {
			return strings.Count(all, "items missing")+strings.Count(all, "items pass") >= checks
		})
		if strings.Contains(p.all(), "All 5 items pass") || time.Now().After(deadline) {
			break
		}
	}
	p.waitFor("the check passing", func(all string) bool { return strings.Contains(all, "All 5 items pass") })
	p.waitFor("the review recorded", func(all string) bool { return strings.Contains(all, "Recorded: Hard (passed after a failed check)") })
	p.waitFor("the cleanup offer", func(all string) bool {
		return strings.Contains(all, "Remove what the task made (container dd-cache, volume dd-cache-data)? [Y/n]")
	})
	p.keys("y", "Enter")
	p.waitFor("the task's end", func(all string) bool { return strings.Contains(all, "[exit 0]") })
	all := p.all()
	assert.Contains(t, all, "removed container dd-cache")
	assert.Contains(t, all, "removed volume dd-cache-data")

	assert.Error(t, docker("inspect", "--type", "container", "dd-cache"), "the task's container is gone")
	assert.Error(t, docker("volume", "inspect", "dd-cache-data"), "the task's volume is gone")
	assert.NoError(t, docker("volume", "inspect", bystander), "what is not the task's stays")

	st := e.openStore(t)
	reviews, err := st.CardReviews(context.Background(), "vol-task-named-redis")
	require.NoError(t, err)
	require.Len(t, reviews, 1)
	assert.Equal(t, 2, reviews[0].Rating, "Hard")
}

// TestDrillTaskAmongTheCardsInARealTerminal: in a drill drawn on a real
// terminal, the due task comes after the first card and reads its lines
// through the drill's screen; after it the next card is asked.
func TestDrillTaskAmongTheCardsInARealTerminal(t *testing.T) {
	if _, err := handson.ConnectEngine(t.Context()); err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	if exec.Command("docker", "inspect", "--type", "container", "dd-offline").Run() == nil {
		t.Skip("a container dd-offline exists already")
	}
	bin := dockdrillBinary(t)
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	dueTasks(t, e, "net-task-none")
	env := e.environ()
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		env = append(env, "DOCKER_HOST="+h)
	}
	p := newPane(t, env, bin+" drill --decks "+e.decks+" --deck cmds,tasks --tasks")
	p.waitFor("the header", func(all string) bool { return strings.Contains(all, "Tasks: 1 task due, one after every card") })
	p.waitFor("the first card", func(all string) bool { return strings.Contains(all, "Command 0:") })
	p.text("docker volume ls")
	p.keys("Enter")
	p.waitFor("the rating", func(all string) bool { return strings.Contains(all, "easy") })
	p.keys("4")
	p.waitFor("the task", func(all string) bool {
		return strings.Contains(all, "Task net-task-none (networks)") && strings.Contains(all, "Enter: check")
	})
	p.keys("Enter")
	p.waitFor("its check", func(all string) bool { return strings.Contains(all, "✗ dd-offline is running") })
	p.text("q")
	p.keys("Enter")
	p.waitFor("the task left", func(all string) bool { return strings.Contains(all, "Left before the task passed: nothing recorded.") })
	p.waitFor("the next card", func(all string) bool { return strings.Contains(all, "Command 1:") })
	p.text("docker volume ls")
	p.keys("Enter")
	p.waitFor("the rating", func(all string) bool { return strings.Count(all, "saved: easy") == 1 })
	p.keys("4")
	p.waitFor("the drill's end", func(all string) bool { return strings.Contains(all, "[exit 0]") })
	assert.Contains(t, p.all(), "reviewed      2 answers")
}
