package deck

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinDecksLoadWithoutErrors(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	require.NotNil(t, set.Blueprint)
	assert.NotEmpty(t, set.Decks)
	for _, d := range set.Decks {
		assert.True(t, d.Builtin, d.ID)
		assert.Equal(t, "deck/decks/"+d.ID+".toml", d.File, "a built-in deck's file is named after its id")
	}
}

func TestBlueprint701100(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	bp := set.Blueprint
	e := bp.Exam
	assert.Equal(t, Exam{
		ID: "701-100", Title: "LPI DevOps Tools Engineer", Version: "1.0", Status: "published",
		Source:    "lpi.org, DevOps Tools Engineer Exam 701 Objectives, version 1.0",
		Questions: 60, Minutes: 90, ScoreMin: 200, ScoreMax: 800, ScorePass: 500, WeightTotal: 60,
		PassRatioEstimate: 0.625,
	}, e)

	weights := map[string]int{}
	sum := 0
	for _, o := range bp.Objectives {
		weights[o.ID] = o.Weight
		sum += o.Weight
	}
	assert.Equal(t, 60, sum)
	assert.Equal(t, map[string]int{
		"701.1": 6, "701.2": 2, "701.3": 5, "701.4": 5,
		"702.1": 7, "702.2": 5, "702.3": 4,
		"703.1": 4, "703.2": 2, "703.3": 2,
		"704.1": 8, "704.2": 2,
		"705.1": 4, "705.2": 4,
	}, weights)
	topics := map[string]int{}
	for _, o := range bp.Objectives {
		topics[o.Topic] += o.Weight
	}
	assert.Equal(t, map[string]int{"701": 18, "702": 16, "703": 8, "704": 10, "705": 8}, topics)

	assert.Equal(t, []Area{
		{ID: "arch", Objective: "702.1", Title: "Understand the Docker architecture", Order: 1},
		{ID: "images", Objective: "702.1", Title: "Use existing Docker images from a Docker registry", Order: 2},
		{ID: "dockerfile", Objective: "702.1", Title: "Create Dockerfiles and build images from Dockerfiles", Order: 3},
		{ID: "upload", Objective: "702.1", Title: "Upload images to a Docker registry", Order: 4},
		{ID: "containers", Objective: "702.1", Title: "Operate and access Docker containers", Order: 5},
		{ID: "networks", Objective: "702.1", Title: "Connect container to Docker networks", Order: 6},
		{ID: "volumes", Objective: "702.1", Title: "Use Docker volumes for shared and persistent container storage", Order: 7},
	}, bp.Areas)
	assert.Equal(t, bp.Areas, bp.AreasOf("702.1"))
	assert.Empty(t, bp.AreasOf("704.1"))
	assert.Equal(t, []Term{
		{ID: "docker", Name: "docker", Objective: "702.1", Kind: "utility"},
		{ID: "dockerfile", Name: "Dockerfile", Objective: "702.1", Kind: "file"},
		{ID: "dockerignore", Name: ".dockerignore", Objective: "702.1", Kind: "file"},
	}, bp.Terms)

	kinds := map[string][]Kind{}
	for _, q := range bp.QuestionKinds {
		kinds[q.ID] = q.Cards
	}
	assert.Equal(t, map[string][]Kind{
		"single":   {KindChoice},
		"multiple": {KindMulti},
		"fill":     {KindCommand, KindCloze},
	}, kinds)

	o, ok := bp.Objective("702.1")
	require.True(t, ok)
	assert.Equal(t, Objective{ID: "702.1", Topic: "702", Title: "Container Usage", Weight: 7}, o)
	_, ok = bp.Term("dockerignore")
	assert.True(t, ok)
	_, ok = bp.Area("swarm")
	assert.False(t, ok)
}

// writeDeck writes a deck file with one card per id into dir.
func writeDeck(t *testing.T, dir, file, deckID string, cardIDs ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("[deck]\nid = \"" + deckID + "\"\ntitle = \"User deck\"\ndescription = \"Mine.\"\n")
	for _, id := range cardIDs {
		b.WriteString("\n[[card]]\nid = \"" + id + "\"\narea = \"volumes\"\nkind = \"command\"\nprompt = \"Create a volume.\"\nanswer = \"docker volume create data\"\nexplain = \"Because.\"\n")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, file)
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	return path
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigDir(t *testing.T) {
	assert.Equal(t, filepath.Join("/x", "dockdrill", "decks"), ConfigDir(env(map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/home/u"})))
	assert.Equal(t, filepath.Join("/home/u", ".config", "dockdrill", "decks"), ConfigDir(env(map[string]string{"HOME": "/home/u"})))
	assert.Equal(t, "", ConfigDir(env(nil)))
}

func TestUserDecksLoadBesideTheBuiltins(t *testing.T) {
	config := t.TempDir()
	extra := t.TempDir()
	writeDeck(t, filepath.Join(config, "dockdrill", "decks"), "mine.toml", "mine", "vol-mine-create")
	writeDeck(t, extra, "more.toml", "more", "vol-more-create")
	// Not a deck: only .toml files are read.
	require.NoError(t, os.WriteFile(filepath.Join(extra, "notes.txt"), []byte("not toml"), 0o644))

	builtin, err := Load(LoadOptions{})
	require.NoError(t, err)
	set, err := Load(DefaultOptions(env(map[string]string{"XDG_CONFIG_HOME": config}), extra))
	require.NoError(t, err)

	assert.Len(t, set.Decks, len(builtin.Decks)+2)
	mine, ok := set.Deck("mine")
	require.True(t, ok)
	assert.False(t, mine.Builtin)
	assert.Equal(t, filepath.Join(config, "dockdrill", "decks", "mine.toml"), mine.File)
	c, ok := set.Card("vol-more-create")
	require.True(t, ok)
	assert.Equal(t, "more", c.Deck)
	assert.Equal(t, GradeDocker, c.Grade)
	assert.Len(t, set.Cards(), len(builtin.Cards())+2)
	assert.Len(t, set.AreaCards("volumes"), len(builtin.AreaCards("volumes"))+2)
}

func TestMissingConfigDirIsFineButMissingDecksDirIsAnError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	_, err := Load(LoadOptions{ConfigDir: missing})
	assert.NoError(t, err)

	_, err = Load(LoadOptions{Paths: []string{missing}})
	require.Error(t, err)
	assert.Equal(t, []string{missing + ": no such file or directory"}, errorLines(t, err))
}

func TestUserCardMayNotReuseABuiltinID(t *testing.T) {
	builtin, err := Load(LoadOptions{})
	require.NoError(t, err)
	taken := builtin.Cards()[0]

	dir := t.TempDir()
	path := writeDeck(t, dir, "mine.toml", "mine", "vol-mine-one", taken.ID)
	set, err := Load(LoadOptions{Paths: []string{dir}})
	require.Error(t, err)
	assert.Equal(t, []string{
		path + `:14: card "` + taken.ID + `": id: "` + taken.ID + `" is the id of a built-in card (` + taken.File + ":" + strconv.Itoa(taken.Line) + `); a user card needs an id of its own`,
	}, errorLines(t, err))

	// The set still holds everything that passed, so a drill can go on.
	require.NotNil(t, set)
	got, ok := set.Card(taken.ID)
	require.True(t, ok)
	assert.Equal(t, taken.Deck, got.Deck, "the built-in card keeps its id")
	_, ok = set.Card("vol-mine-one")
	assert.True(t, ok, "the user's other card loads")
}

func TestReplaceLetsADeckStandInForTheBuiltinWithItsID(t *testing.T) {
	builtin, err := Load(LoadOptions{})
	require.NoError(t, err)
	d := builtin.Decks[0]
	dir := t.TempDir()
	// The edited copy keeps one of the built-in deck's card ids.
	writeDeck(t, dir, "edited.toml", d.ID, d.Cards[0].ID)

	_, err = Load(LoadOptions{Paths: []string{dir}})
	assert.Error(t, err, "without Replace the deck id clashes")

	set, err := Load(LoadOptions{Paths: []string{dir}, Replace: true})
	require.NoError(t, err)
	got, ok := set.Deck(d.ID)
	require.True(t, ok)
	assert.False(t, got.Builtin)
	assert.Len(t, got.Cards, 1)
	assert.Len(t, set.Cards(), len(builtin.Cards())-len(d.Cards)+1)
}

func TestAFileGivenTwiceIsReadOnce(t *testing.T) {
	dir := t.TempDir()
	path := writeDeck(t, dir, "mine.toml", "mine", "vol-mine-one")
	_, err := Load(LoadOptions{ConfigDir: dir, Paths: []string{dir, path}})
	assert.NoError(t, err)
}

func TestUnknownExam(t *testing.T) {
	set, err := Load(LoadOptions{Exam: "701-200"})
	require.Error(t, err)
	assert.Nil(t, set)
	assert.Contains(t, errorLines(t, err), `no blueprint for exam "701-200"; it is read from a blueprint-*.toml file`)
}

func TestASecondBlueprintIsAnotherFile(t *testing.T) {
	dir := t.TempDir()
	draft := strings.NewReplacer(`id = "701-100"`, `id = "701-200"`, `version = "1.0"`, `version = "2.0"`, `status = "published"`, `status = "draft"`).
		Replace(string(builtinFile(t, "blueprint-701-100.toml")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "blueprint-701-200.toml"), []byte(draft), 0o644))

	set, err := Load(LoadOptions{Paths: []string{dir}, Exam: "701-200"})
	require.NoError(t, err)
	assert.Equal(t, "701-200", set.Blueprint.Exam.ID)
	assert.Equal(t, "draft", set.Blueprint.Exam.Status)

	set, err = Load(LoadOptions{Paths: []string{dir}})
	require.NoError(t, err)
	assert.Equal(t, DefaultExam, set.Blueprint.Exam.ID)
}

func TestCounts(t *testing.T) {
	cards := []*Card{
		{Kind: KindCommand, Area: "arch", Proof: "arch/TestX"},
		{Kind: KindCloze, Area: "arch"},
		{Kind: KindChoice, Area: "volumes"},
		{Kind: KindMulti, Area: "volumes", Proof: "volumes/TestY"},
		{Kind: KindFlash, Area: "volumes"},
	}
	c := CountCards(cards)
	assert.Equal(t, 5, c.Cards)
	assert.Equal(t, 2, c.Practical)
	assert.Equal(t, 2, c.Typed())
	assert.Equal(t, 2, c.Picked())
	assert.Equal(t, map[string]int{"arch": 2, "volumes": 3}, c.ByArea)
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{File: "deck/decks/volumes.toml", Line: 42, Item: `card "vol-x"`, Field: "correct", Msg: `"foo" is not one of choices`}, `deck/decks/volumes.toml:42: card "vol-x": correct: "foo" is not one of choices`},
		{Error{File: "a.toml", Msg: "no such file or directory"}, "a.toml: no such file or directory"},
		{Error{Msg: "no blueprint"}, "no blueprint"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	errs := &Errors{List: []*Error{&tests[0].err, &tests[1].err}}
	assert.Equal(t, tests[0].want+"\n"+tests[1].want, errs.Error())
	assert.Equal(t, 2, errs.Files())
}

func TestPositions(t *testing.T) {
	doc := `# comment
top = 1
[deck]
"quoted key" = "x"
dotted.key = 'y'

[[card]]
text = """
line [not a table]
[[card]]
"""
list = [
  "a", # comment
  { inline = 1 },
]
after = 2

[[card]]
lit = '''
'''
id = "b"
[card.sub]
x = 1
`
	pos := scanPositions([]byte(doc), true)
	assert.Equal(t, positions{
		"top":             2,
		"deck":            3,
		"deck.quoted key": 4,
		"deck.dotted":     5,
		"deck.dotted.key": 5,
		"card":            7,
		"card[0]":         7,
		"card[0].text":    8,
		"card[0].list":    12,
		"card[0].after":   16,
		"card[1]":         18,
		"card[1].lit":     19,
		"card[1].id":      21,
		"card[1].sub":     22,
		"card[1].sub.x":   23,
	}, pos)
	assert.Equal(t, 7, pos.line("card[0].missing"))
	assert.Equal(t, 0, pos.line("nowhere"))

	// Tables only at first; keys once a line is asked for that is not a
	// table's.
	l := newLines([]byte(doc))
	assert.Equal(t, 18, l.line("card[1]"))
	assert.False(t, l.full)
	assert.Equal(t, 21, l.line("card[1].id"))
	assert.True(t, l.full)
	assert.Equal(t, 7, l.line("card[0].missing"))
}

func TestLoadSkippingBrokenUserDecksDropsOnlyTheBrokenOne(t *testing.T) {
	config := t.TempDir()
	writeDeck(t, config, "good.toml", "good", "vol-good-create")
	broken := filepath.Join(config, "broken.toml")
	require.NoError(t, os.WriteFile(broken, []byte("[deck]\nid = \"broken\"\ntitle = \"B\"\ndescription = \"B.\"\n\n[[card]]\nid = \"vol-broken\"\narea = \"volumes\"\nkind = \"command\"\nprompt = \"p\"\nexplain = \"e\"\n"), 0o644))

	set, warnings, err := LoadSkippingBrokenUserDecks(LoadOptions{ConfigDir: config})
	require.NoError(t, err)
	_, ok := set.Card("vol-good-create")
	assert.True(t, ok, "the sound user deck is loaded")
	_, ok = set.Deck("broken")
	assert.False(t, ok, "the broken deck is left out as a whole")
	require.Len(t, warnings, 1)
	assert.Equal(t, broken+`:6: card "vol-broken": answer: missing`, warnings[0].Error())
}

func TestLoadSkippingBrokenUserDecksStillStopsOnANamedDeck(t *testing.T) {
	dir := t.TempDir()
	named := filepath.Join(dir, "named.toml")
	require.NoError(t, os.WriteFile(named, []byte("[deck]\nid = \"named\"\n"), 0o644))
	_, warnings, err := LoadSkippingBrokenUserDecks(LoadOptions{ConfigDir: t.TempDir(), Paths: []string{named}})
	assert.Empty(t, warnings)
	require.Error(t, err)
	assert.Contains(t, err.Error(), named+":1: deck: title: missing")
}
