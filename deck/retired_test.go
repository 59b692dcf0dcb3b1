package deck

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuiltinRetiredIDsPointAtLiveCards(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	for id, r := range Retired() {
		_, live := set.Card(id)
		assert.False(t, live, "%s:%d: retired id %q is still a card's id", RetiredFile, r.Line, id)
		_, ok := set.Card(r.MergedInto)
		assert.True(t, ok, "%s:%d: retired id %q was merged into %q, which is no built-in card", RetiredFile, r.Line, id, r.MergedInto)
	}
}

const retiredList = `# merged cards
[[retired]]
id = "arch-old"
merged_into = "arch-new"
`

func TestACardMayNotReuseARetiredID(t *testing.T) {
	fsys := fstest.MapFS{
		"blueprint-701-100.toml": {Data: builtinFile(t, "blueprint-701-100.toml")},
		"x.toml": {Data: []byte(header + `[[card]]
id = "arch-old"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"

[[card]]
id = "arch-new"
area = "arch"
kind = "flash"
prompt = "p"
answer = "a"
explain = "e"
`)},
	}
	set, err := Load(LoadOptions{Builtin: fsys, Retired: []byte(retiredList)})
	require.Error(t, err)
	assert.Equal(t, []string{`deck/decks/x.toml:6: card "arch-old": id: "arch-old" is a retired id (merged into "arch-new", deck/retired.toml:2); its review history belongs to another question, so give the card an id of its own`},
		errorLines(t, err))
	require.NotNil(t, set)
	_, ok := set.Card("arch-old")
	assert.False(t, ok, "the card with a retired id is left out")
	_, ok = set.Card("arch-new")
	assert.True(t, ok)
}

func TestRetiredListErrors(t *testing.T) {
	for _, tt := range []struct{ list, want string }{
		{"[[retired]]\nid = \"arch-a\"\n", `deck/retired.toml:1: retired "arch-a": merged_into: missing`},
		{"[[retired]]\nid = \"arch-a\"\nmerged_into = \"arch-a\"\n", `deck/retired.toml:3: retired "arch-a": merged_into: "arch-a" is the retired id itself`},
		{"[[retired]]\nid = \"arch-a\"\nmerged_into = \"arch-b\"\n[[retired]]\nid = \"arch-a\"\nmerged_into = \"arch-c\"\n", `deck/retired.toml:5: retired "arch-a": id: "arch-a" is already retired at line 1`},
		{"[[retired]]\nid = \"arch-a\"\nmerged_into = \"arch-b\"\n[[retired]]\nid = \"arch-b\"\nmerged_into = \"arch-c\"\n", `deck/retired.toml:1: retired "arch-a": merged_into: "arch-b" is retired too (merged into "arch-c")`},
		{"[[retired]]\nid = \"arch-a\"\nmerged_into = \"arch-b\"\nmerged = \"x\"\n", `deck/retired.toml:4: retired "arch-a": merged: unknown key`},
	} {
		errs := &Errors{}
		parseRetired(RetiredFile, []byte(tt.list), errs)
		require.NotEmpty(t, errs.List, tt.list)
		assert.Contains(t, errs.Error(), tt.want)
	}
}
