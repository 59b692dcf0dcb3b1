package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userDeck is a valid user deck of two cards.
const userDeck = `[deck]
id = "mine"
title = "My compose cards"
description = "Cards of my own."

[[card]]
id = "vol-mine-ls"
area = "volumes"
kind = "command"
prompt = "List the volumes."
answer = "docker volume ls"
explain = "Lists every volume the daemon knows."
proof = "volumes/TestVolumeLs"

[[card]]
id = "net-mine-pick"
area = "networks"
kind = "multi"
prompt = "Which two are network drivers? (choose two)"
choices = ["bridge", "overlay", "ext4", "btrfs"]
correct = ["bridge", "overlay"]
explain = "ext4 and btrfs are filesystems."
`

// brokenDeck has two errors: an unknown key on line 10 and a choice not
// among the choices on line 12.
const brokenDeck = `[deck]
id = "broken"
title = "Broken"
description = "Errors on purpose."

[[card]]
id = "vol-broken"
area = "volumes"
kind = "choice"
promt = "p"
choices = ["a", "b", "c", "d"]
correct = ["z"]
explain = "e"
`

// cueDeck has a choice card whose right option is far the longest.
const cueDeck = `[deck]
id = "cue"
title = "Give-away"
description = "The longest option is the right one."

[[card]]
id = "vol-cue"
area = "volumes"
kind = "choice"
prompt = "What does docker volume prune remove?"
choices = ["volumes", "images", "networks", "Every volume that no container uses, anonymous ones only since 23.0"]
correct = ["Every volume that no container uses, anonymous ones only since 23.0"]
explain = "e"
`

// retiredDeck reuses a retired id (see deck/retired.toml).
const retiredDeck = `[deck]
id = "reuse"
title = "Reuse"
description = "A retired id taken again."

[[card]]
id = "arch-digest"
area = "arch"
kind = "flash"
prompt = "What is a digest?"
answer = "A hash of the manifest."
explain = "e"
`

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func builtinSet(t *testing.T) *deck.Set {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	return set
}

func TestDecksListJSONCountsEveryDeck(t *testing.T) {
	builtin := builtinSet(t)
	dir := t.TempDir()
	writeFile(t, dir, "mine.toml", userDeck)

	app, out, errOut := testApp(t, "")
	code := Run(context.Background(), []string{"decks", "list", "--json", "--decks", dir}, app)
	require.Equal(t, ExitOK, code, errOut.String())

	var got decksListJSON
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, "701-100", got.Exam)
	require.Len(t, got.Decks, len(builtin.Decks)+1)
	mine := got.Decks[len(got.Decks)-1]
	assert.Equal(t, "mine", mine.ID)
	assert.False(t, mine.Builtin)
	assert.Equal(t, filepath.Join(dir, "mine.toml"), mine.File)
	assert.Equal(t, 2, mine.Cards)
	assert.Equal(t, 1, mine.Practical)
	assert.Equal(t, 0, mine.Unprovable)
	assert.Equal(t, 1, mine.FactOnly, "a card with neither proof nor proof_none states a fact")
	assert.Equal(t, 1, mine.Typed)
	assert.Equal(t, 1, mine.Picked)
	assert.Equal(t, map[string]int{"command": 1, "cloze": 0, "choice": 0, "multi": 1, "flash": 0}, mine.ByKind)
	assert.Equal(t, map[string]int{"arch": 0, "images": 0, "dockerfile": 0, "upload": 0, "containers": 0, "networks": 1, "volumes": 1}, mine.ByArea)

	total := builtin.Counts()
	assert.Equal(t, len(builtin.Decks)+1, got.Total.Decks)
	assert.Equal(t, total.Cards+2, got.Total.Cards)
	assert.Equal(t, total.Typed()+1, got.Total.Typed)
	sum := 0
	for _, n := range got.Total.ByArea {
		sum += n
	}
	assert.Equal(t, got.Total.Cards, sum, "every card is in one area")
}

func TestDecksListTextShowsKindsAreasAndTotals(t *testing.T) {
	builtin := builtinSet(t)
	app, out, errOut := testApp(t, "")
	code := Run(context.Background(), []string{"decks", "list"}, app)
	require.Equal(t, ExitOK, code, errOut.String())
	text := out.String()
	assert.Regexp(t, `(?m)^DECK +CARDS  COMMAND  CLOZE  CHOICE  MULTI  FLASH  PRACTICAL  TITLE$`, text)
	assert.Contains(t, text, "ARCH  IMAGES  DOCKERFILE  UPLOAD  CONTAINERS  NETWORKS  VOLUMES")
	for _, d := range builtin.Decks {
		assert.Contains(t, text, d.Title)
	}
	assert.Contains(t, text, "Exam 701-100: "+strconv.Itoa(len(builtin.Decks))+" deck")
	assert.Empty(t, errOut.String())
}

func TestDecksShow(t *testing.T) {
	builtin := builtinSet(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{
			name:   "a deck id lists its cards",
			args:   []string{"decks", "show", "terms"},
			code:   ExitOK,
			stdout: []string{"terms: docker, Dockerfile and .dockerignore", "CARD  ", "\nterm-dockerfile-run-when ", " choice "},
		},
		{
			name: "a card id shows the card in full",
			args: []string{"decks", "show", "term-dockerfile-run-when"},
			code: ExitOK,
			stdout: []string{
				"card:    term-dockerfile-run-when",
				"area:    dockerfile (702.1 Create Dockerfiles and build images from Dockerfiles)",
				"  [x] Once, while the image is built with docker build",
				"  [ ] Each time a container is created from the image",
				"Explain:\n  RUN runs at build time",
			},
		},
		{
			name:   "a typed card shows its answer, alternatives and grader",
			args:   []string{"decks", "show", "term-docker-host-option"},
			code:   ExitOK,
			stdout: []string{"grade:   docker", "Answer:\n  docker -H tcp://10.0.0.5:2375 ps\n", "Also accepted:\n  docker --host tcp://10.0.0.5:2375 ps\n", "Hint:\n  A global option"},
		},
		{
			name:   "a retired id names the card it was merged into",
			args:   []string{"decks", "show", "arch-digest"},
			code:   ExitError,
			stderr: `dockdrill: card "arch-digest" was retired: it was merged into "img-tags-vs-digests"`,
		},
		{
			name:   "an unknown id is an error",
			args:   []string{"decks", "show", "no-such-thing"},
			code:   ExitError,
			stderr: `dockdrill: no deck or card with id "no-such-thing"`,
		},
		{
			name:   "the id is required",
			args:   []string{"decks", "show"},
			code:   ExitUsage,
			stderr: "accepts 1 arg(s), received 0",
		},
	}
	require.NotEmpty(t, builtin.Decks)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), tt.args, app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			for _, s := range tt.stdout {
				assert.Contains(t, out.String(), s)
			}
			assert.Contains(t, errOut.String(), tt.stderr)
		})
	}
}

func TestDecksShowFindsUserDecksInTheConfigDir(t *testing.T) {
	config := t.TempDir()
	writeFile(t, filepath.Join(config, "dockdrill", "decks"), "mine.toml", userDeck)
	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string {
		if k == "XDG_CONFIG_HOME" {
			return config
		}
		return ""
	}
	code := Run(context.Background(), []string{"decks", "show", "vol-mine-ls"}, app)
	require.Equal(t, ExitOK, code, errOut.String())
	assert.Contains(t, out.String(), "proof:   volumes/TestVolumeLs")
	assert.Contains(t, out.String(), "deck:    mine ("+filepath.Join(config, "dockdrill", "decks", "mine.toml")+":6)")
}

func TestDecksLint(t *testing.T) {
	builtin := builtinSet(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "good.toml", userDeck)
	broken := writeFile(t, filepath.Join(dir, "bad"), "broken.toml", brokenDeck)
	cue := writeFile(t, dir, "cue.toml", cueDeck)
	reuse := writeFile(t, filepath.Join(dir, "reuse"), "reuse.toml", retiredDeck)

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr []string
	}{
		{
			name:   "the built-ins pass",
			args:   []string{"decks", "lint"},
			code:   ExitOK,
			stdout: plural(len(builtin.Decks), "deck") + ", " + plural(len(builtin.Cards()), "card") + ", ok\n",
		},
		{
			name:   "a good user deck passes beside the built-ins",
			args:   []string{"decks", "lint", good},
			code:   ExitOK,
			stdout: plural(len(builtin.Decks)+1, "deck") + ", " + plural(len(builtin.Cards())+2, "card") + ", ok\n",
		},
		{
			name:   "a right option far longer than the others warns, and the lint passes",
			args:   []string{"decks", "lint", cue},
			code:   ExitOK,
			stdout: plural(len(builtin.Decks)+1, "deck") + ", " + plural(len(builtin.Cards())+1, "card") + ", ok\n",
			stderr: []string{"warning: " + cue + `:6: card "vol-cue": choices: the right option is 8.4× as long as the longest wrong one`},
		},
		{
			name: "a card that reuses a retired id is an error",
			args: []string{"decks", "lint", reuse},
			code: ExitError,
			stderr: []string{
				reuse + `:6: card "arch-digest": id: "arch-digest" is a retired id (merged into "img-tags-vs-digests", deck/retired.toml:`,
				"dockdrill: 1 error in 1 file\n",
			},
		},
		{
			name: "every error is listed with file and line, then counted once",
			args: []string{"decks", "lint", broken},
			code: ExitError,
			stderr: []string{
				broken + `:6: card "vol-broken": prompt: missing` + "\n" +
					broken + `:10: card "vol-broken": promt: unknown key; did you mean "prompt"?`,
				broken + `:12: card "vol-broken": correct: "z" is not one of choices`,
				"dockdrill: 3 errors in 1 file\n",
			},
		},
		{
			name:   "a missing path is an error",
			args:   []string{"decks", "lint", filepath.Join(dir, "nope.toml")},
			code:   ExitError,
			stderr: []string{filepath.Join(dir, "nope.toml") + ": no such file or directory", "dockdrill: 1 error in 1 file"},
		},
		{
			name:   "the --decks directory is linted without a path",
			args:   []string{"decks", "lint", "--decks", filepath.Join(dir, "bad")},
			code:   ExitError,
			stderr: []string{"correct: \"z\" is not one of choices"},
		},
		{
			name:   "the source of a built-in deck stands in for it",
			args:   []string{"decks", "lint", filepath.Join("..", "..", "deck", "decks")},
			code:   ExitOK,
			stdout: plural(len(builtin.Decks), "deck") + ", " + plural(len(builtin.Cards()), "card") + ", ok\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, out, errOut := testApp(t, "")
			code := Run(context.Background(), tt.args, app)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			assert.Equal(t, tt.stdout, out.String())
			for _, s := range tt.stderr {
				assert.Contains(t, errOut.String(), s)
			}
			if tt.code != ExitOK {
				assert.Equal(t, 1, strings.Count(errOut.String(), "dockdrill: "), "the summary is printed once")
			}
		})
	}
}

func TestDecksCommandsRefuseBrokenDecks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "broken.toml", brokenDeck)
	for _, args := range [][]string{{"decks", "list", "--decks", dir}, {"decks", "show", "terms", "--decks", dir}} {
		app, out, errOut := testApp(t, "")
		code := Run(context.Background(), args, app)
		assert.Equal(t, ExitError, code, args)
		assert.Empty(t, out.String())
		assert.Regexp(t, `dockdrill: \d+ deck errors? in 1 file: fix them, then check with 'dockdrill decks lint'\n$`, errOut.String())
		assert.Contains(t, errOut.String(), filepath.Join(dir, "broken.toml")+`:12: card "vol-broken": correct:`)
	}
}

func TestDecksWithoutSubcommand(t *testing.T) {
	app, out, _ := testApp(t, "")
	assert.Equal(t, ExitOK, Run(context.Background(), []string{"decks"}, app))
	assert.Contains(t, out.String(), "Available Commands:")

	app, _, errOut := testApp(t, "")
	assert.Equal(t, ExitUsage, Run(context.Background(), []string{"decks", "frob"}, app))
	assert.Contains(t, errOut.String(), `unknown command "frob" for "dockdrill decks"`)
}
