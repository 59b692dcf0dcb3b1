package deck

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// builtinFile returns a file of the embedded decks.
func builtinFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(Builtin(), name)
	require.NoError(t, err)
	return data
}

// loadFiles loads the real blueprint and the given deck files as if they
// were the built-ins, so they are named deck/decks/<name> in messages.
func loadFiles(t testing.TB, files map[string]string) (*Set, error) {
	t.Helper()
	fsys := fstest.MapFS{"blueprint-701-100.toml": {Data: builtinFile(t, "blueprint-701-100.toml")}}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return Load(LoadOptions{Builtin: fsys})
}

// errorLines returns each problem of err formatted, one per entry.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	var errs *Errors
	require.True(t, errors.As(err, &errs), "want *Errors, got %v", err)
	lines := make([]string, len(errs.List))
	for i, e := range errs.List {
		lines[i] = e.Error()
	}
	return lines
}

// header is a valid [deck] table; the first card of a test deck starts on
// line 6.
const header = `[deck]
id = "t"
title = "Test deck"
description = "Cards for the validator's tests."

`

// TestValidatorReportsEachErrorWithFileLineAndField shows every class of
// deck error, each pinned to the file, line and field an author must fix.
// The wanted messages are prefixes of the real ones.
func TestValidatorReportsEachErrorWithFileLineAndField(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "TOML syntax error with its line",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
prompt = "unterminated
`},
			want: []string{`deck/decks/x.toml:8: TOML syntax: `},
		},
		{
			name: "unknown key in a card, with a suggestion",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
anwser = "a"
answer = "a"
explain = "e"
`},
			want: []string{`deck/decks/x.toml:11: card "arch-x": anwser: unknown key; did you mean "answer"?`},
		},
		{
			name: "unknown key in the deck header and at the top",
			files: map[string]string{"x.toml": `version = 2
[deck]
id = "t"
title = "T"
description = "D"
owner = "me"

[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:1: version: unknown key; known keys are deck, card`,
				`deck/decks/x.toml:6: deck: owner: unknown key; known keys are id, title, description`,
			},
		},
		{
			name: "duplicate id within a deck",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"

[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "q"
answer = "b"
explain = "e"
`},
			want: []string{`deck/decks/x.toml:14: card "arch-x": id: "arch-x" is already used by the card at deck/decks/x.toml:6`},
		},
		{
			name: "duplicate id of a card that has another error",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
explain = "e"

[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "q"
answer = "b"
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:6: card "arch-x": answer: missing`,
				`deck/decks/x.toml:13: card "arch-x": id: "arch-x" is already used by the card at deck/decks/x.toml:6`,
			},
		},
		{
			name: "duplicate id across decks",
			files: map[string]string{
				"a.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
`,
				"b.toml": strings.Replace(header, `id = "t"`, `id = "u"`, 1) + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
`},
			want: []string{`deck/decks/b.toml:6: card "arch-x": id: "arch-x" is already used by the card at deck/decks/a.toml:6`},
		},
		{
			name: "duplicate deck id",
			files: map[string]string{
				"a.toml": header + "[[card]]\nid = \"arch-a\"\narea = \"arch\"\nkind = \"flash\"\nprompt = \"p\"\nanswer = \"a\"\nexplain = \"e\"\n",
				"b.toml": header + "[[card]]\nid = \"arch-b\"\narea = \"arch\"\nkind = \"flash\"\nprompt = \"p\"\nanswer = \"a\"\nexplain = \"e\"\n",
			},
			want: []string{`deck/decks/b.toml:1: deck: id: "t" is already the id of the deck in deck/decks/a.toml`},
		},
		{
			name: "missing and empty fields",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "flash"
prompt = "   "
answer = "a"
`},
			want: []string{
				`deck/decks/x.toml:6: card "arch-x": explain: missing`,
				`deck/decks/x.toml:10: card "arch-x": prompt: empty`,
			},
		},
		{
			name: "unknown kind",
			files: map[string]string{"x.toml": header + `[[card]]
id = "arch-x"
area = "arch"
kind = "essay"
prompt = "p"
explain = "e"
`},
			want: []string{`deck/decks/x.toml:9: card "arch-x": kind: "essay" is not a card kind ("command", "cloze", "choice", "multi", "flash")`},
		},
		{
			name: "correct not among choices",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "choice"
prompt = "p"
choices = ["a", "b", "c", "d"]
correct = ["foo"]
explain = "e"
`},
			want: []string{`deck/decks/x.toml:12: card "vol-x": correct: "foo" is not one of choices`},
		},
		{
			name: "choice with two correct and three choices",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "choice"
prompt = "p"
choices = ["a", "b", "c"]
correct = ["a", "b"]
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:11: card "vol-x": choices: a choice card has 4 to 5 choices, not 3`,
				`deck/decks/x.toml:12: card "vol-x": correct: a choice card has exactly one correct answer, not 2`,
			},
		},
		{
			name: "multi with fewer than 2 correct",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "multi"
prompt = "Which one? (choose one)"
choices = ["a", "b", "c", "d"]
correct = ["a"]
explain = "e"
`},
			want: []string{`deck/decks/x.toml:12: card "vol-x": correct: a multi card has at least 2 correct answers, not 1`},
		},
		{
			name: "multi whose prompt does not say how many",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "multi"
prompt = "Which are right? (choose two)"
choices = ["a", "b", "c", "d", "e"]
correct = ["a", "b", "c"]
explain = "e"
`},
			want: []string{`deck/decks/x.toml:10: card "vol-x": prompt: a multi card's prompt states how many to pick, as the exam does: write 3 or "three"`},
		},
		{
			name: "multi whose prompt says to choose another number",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "multi"
prompt = "Pick the 2 volume drivers of these 3 lists. (Choose three.)"
choices = ["a", "b", "c", "d", "e"]
correct = ["a", "b"]
explain = "e"
`},
			want: []string{`deck/decks/x.toml:10: card "vol-x": prompt: says to choose 3, but correct has 2 answers`},
		},
		{
			name: "area not in the blueprint",
			files: map[string]string{"x.toml": header + `[[card]]
id = "swarm-x"
area = "swarm"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
`},
			want: []string{`deck/decks/x.toml:8: card "swarm-x": area: "swarm" is not a knowledge area of exam 701-100 (arch, images, dockerfile, upload, containers, networks, volumes)`},
		},
		{
			name: "malformed proofs",
			files: map[string]string{"x.toml": header + `[[card]]
id = "vol-x"
area = "volumes"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
proof = "volumes/NamedVolume"

[[card]]
id = "vol-y"
area = "volumes"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
proof = "swarm/TestService"
`},
			want: []string{
				`deck/decks/x.toml:13: card "vol-x": proof: "volumes/NamedVolume" is not package/TestName`,
				`deck/decks/x.toml:22: card "vol-y": proof: package "swarm" is not a knowledge area of exam 701-100`,
			},
		},
		{
			name: "fields not allowed for the kind",
			files: map[string]string{"x.toml": header + `[[card]]
id = "ctr-x"
area = "containers"
kind = "command"
prompt = "p"
answer = "docker ps"
choices = ["a", "b", "c", "d"]
explain = "e"

[[card]]
id = "ctr-y"
area = "containers"
kind = "flash"
prompt = "p"
answer = "a"
grade = "term"
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:12: card "ctr-x": choices: not allowed in a command card (a command card takes answer, accept, grade)`,
				`deck/decks/x.toml:21: card "ctr-y": grade: not allowed in a flash card (a flash card takes answer, accept)`,
			},
		},
		{
			name: "cloze without exactly one blank",
			files: map[string]string{"x.toml": header + `[[card]]
id = "df-x"
area = "dockerfile"
kind = "cloze"
prompt = "FROM debian"
answer = "FROM"
explain = "e"

[[card]]
id = "df-y"
area = "dockerfile"
kind = "cloze"
prompt = "____ debian\n____ apt-get update"
answer = "FROM"
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:10: card "df-x": prompt: a cloze prompt has exactly one blank written ____ (four or more underscores), not 0`,
				`deck/decks/x.toml:18: card "df-y": prompt: a cloze prompt has exactly one blank written ____ (four or more underscores), not 2`,
			},
		},
		{
			name: "values of the wrong type",
			files: map[string]string{"x.toml": header + `[[card]]
id = 42
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
tags = "one"
`},
			want: []string{
				`deck/decks/x.toml:7: card #1: id: must be a string, not integer`,
				`deck/decks/x.toml:13: card #1: tags: must be an array of strings, not string`,
			},
		},
		{
			name: "unknown term, unknown grader, and a grader that cannot read the answer",
			files: map[string]string{"x.toml": header + `[[card]]
id = "ctr-x"
area = "containers"
kind = "command"
terms = ["docker-compose"]
prompt = "p"
answer = "docker ps"
grade = "fuzzy"
explain = "e"

[[card]]
id = "ctr-y"
area = "containers"
kind = "command"
prompt = "p"
answer = "podman ps"
grade = "docker"
explain = "e"
`},
			want: []string{
				`deck/decks/x.toml:10: card "ctr-x": terms: "docker-compose" is not a term of exam 701-100 (docker, dockerfile, dockerignore)`,
				`deck/decks/x.toml:13: card "ctr-x": grade: "fuzzy" is not a grader (docker, dockerfile, exact, term)`,
				`deck/decks/x.toml:21: card "ctr-y": answer: "podman ps" does not start with "docker "`,
			},
		},
		{
			name:  "no deck header and no cards",
			files: map[string]string{"x.toml": "# nothing here\n"},
			want: []string{
				`deck/decks/x.toml: deck: missing; write a [deck] table`,
				`deck/decks/x.toml: card: no cards; add [[card]] tables`,
			},
		},
		{
			name: "one run reports every error of every card",
			files: map[string]string{"x.toml": header + `[[card]]
id = "Bad ID"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"

[[card]]
id = "img-x"
area = "images"
kind = "choice"
prompt = """
A prompt
over lines"""
choices = [
  "a",
  "b",
  "c",
  "d",
]
correct = ["e"]
explain = "e"
hint = ""
`},
			want: []string{
				`deck/decks/x.toml:7: card "Bad ID": id: "Bad ID" must be lower-case letters and digits joined by hyphens`,
				`deck/decks/x.toml:27: card "img-x": correct: "e" is not one of choices`,
				`deck/decks/x.toml:29: card "img-x": hint: empty; leave the key out instead`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFiles(t, tt.files)
			require.Error(t, err)
			got := errorLines(t, err)
			require.Len(t, got, len(tt.want), "got:\n%s", strings.Join(got, "\n"))
			for i := range tt.want {
				assert.True(t, strings.HasPrefix(got[i], tt.want[i]), "error %d\n got: %s\nwant: %s...", i, got[i], tt.want[i])
			}
		})
	}
}

func TestValidCardsOfEveryKindLoadWithDefaults(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"x.toml": header + `[[card]]
id = "ctr-run"
area = "containers"
kind = "command"
prompt = "Run nginx in the background."
answer = "docker run -d nginx"
accept = ["docker container run -d nginx"]
explain = "e"

[[card]]
id = "df-from"
area = "dockerfile"
kind = "cloze"
prompt = "____ debian"
answer = "from debian"
explain = "e"

[[card]]
id = "vol-path"
area = "volumes"
kind = "cloze"
prompt = "Named volumes live under ________ on the host."
answer = "/var/lib/docker/volumes"
explain = "e"

[[card]]
id = "net-term"
area = "networks"
kind = "command"
prompt = "Name the default network driver."
answer = "bridge"
grade = "term"
explain = "e"

[[card]]
id = "img-pick"
area = "images"
kind = "choice"
prompt = "p"
choices = ["a", "b", "c", "d", "e"]
correct = ["c"]
explain = "e"

[[card]]
id = "up-pick"
area = "upload"
kind = "multi"
prompt = "Which are right? (Choose TWO.)"
choices = ["a", "b", "c", "d"]
correct = ["a", "d"]
explain = "e"
proof = "upload/TestPushThenPullByDigest"

[[card]]
id = "arch-recall"
area = "arch"
kind = "flash"
prompt = "p"
answer = """
line one
line two"""
explain = "e"
`})
	require.NoError(t, err)
	grades := map[string]string{}
	for _, c := range set.Cards() {
		grades[c.ID] = c.Grade
	}
	assert.Equal(t, map[string]string{
		"ctr-run": GradeDocker, "df-from": GradeDockerfile, "vol-path": GradeExact, "net-term": GradeTerm,
		"img-pick": "", "up-pick": "", "arch-recall": "",
	}, grades)
	c, ok := set.Card("up-pick")
	require.True(t, ok)
	assert.True(t, c.Practical())
	assert.Equal(t, "upload", c.ProofPackage())
	assert.Equal(t, "TestPushThenPullByDigest", c.ProofTest())
	assert.Equal(t, "deck/decks/x.toml", c.File)
	assert.Equal(t, 49, c.Line)
	assert.Equal(t, "t", c.Deck)
}

func TestDefaultGrade(t *testing.T) {
	tests := []struct {
		answer, want string
	}{
		{"docker ps -a", GradeDocker},
		{"docker", GradeExact},
		{"COPY . /app", GradeDockerfile},
		{"healthcheck --interval=5s CMD true", GradeDockerfile},
		{"WORKDIR", GradeDockerfile},
		{"DIR /app", GradeExact},
		{"/var/lib/docker", GradeExact},
		{".dockerignore", GradeExact},
		{"dockerd", GradeExact},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, DefaultGrade(tt.answer), tt.answer)
	}
}

func TestBrokenBlueprintReportsEachError(t *testing.T) {
	bp := string(builtinFile(t, "blueprint-701-100.toml"))
	broken := strings.NewReplacer(
		"weight = 7\n", "weight = 8\n",
		`id = "networks"`, `id = "Networks"`,
		`objective = "702.1"`+"\ntitle = \"Upload", `objective = "799.9"`+"\ntitle = \"Upload",
		"minutes = 90", "minutes = 90\nlanguage = \"en\"",
	).Replace(bp)
	line := func(s string) int { return strings.Count(broken[:strings.Index(broken, s)], "\n") + 1 }
	fsys := fstest.MapFS{"blueprint-701-100.toml": {Data: []byte(broken)}}
	_, err := Load(LoadOptions{Builtin: fsys})
	require.Error(t, err)
	got := errorLines(t, err)
	want := []string{
		`no blueprint for exam "701-100"`,
		"deck/decks/blueprint-701-100.toml:" + strconv.Itoa(line("language")) + `: exam: language: unknown key`,
		"deck/decks/blueprint-701-100.toml:" + strconv.Itoa(line("[[objective]]")) + `: objective: the weights add up to 61, but exam.weight_total is 60`,
		"deck/decks/blueprint-701-100.toml:" + strconv.Itoa(line(`objective = "799.9"`)) + `: area "upload": objective: "799.9" is not an objective of this blueprint`,
		"deck/decks/blueprint-701-100.toml:" + strconv.Itoa(line(`id = "Networks"`)) + `: area "Networks": id: "Networks" must be lower-case letters and digits`,
	}
	require.Len(t, got, len(want), strings.Join(got, "\n"))
	for i := range want {
		assert.True(t, strings.HasPrefix(got[i], want[i]), "\n got: %s\nwant: %s...", got[i], want[i])
	}
}

func TestIDTagAndBlankRules(t *testing.T) {
	for id, want := range map[string]bool{
		"vol-named-volume-survives": true, "a": true, "df-2-stage": true, "x9": true,
		"": false, "9x": false, "-x": false, "x-": false, "x--y": false, "X-y": false, "x_y": false, "x y": false, "x.y": false,
	} {
		assert.Equal(t, want, validID(id), "id %q", id)
	}
	for tag, want := range map[string]bool{
		"build": true, "702.1": true, "multi-stage": true, "snake_case": true,
		"": false, "-x": false, ".x": false, "Build": false, "two words": false,
	} {
		assert.Equal(t, want, validTag(tag), "tag %q", tag)
	}
	for s, want := range map[string]int{
		"": 0, "___": 0, "____": 1, "________": 1, "a ____ b ____": 2, "____x": 1, "x_____": 1, "__ __ __": 0,
	} {
		assert.Equal(t, want, countBlanks(s), "blanks in %q", s)
	}
}
