package deck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const taskDeckHeader = "[deck]\nid = \"t\"\ntitle = \"T\"\ndescription = \"Tasks.\"\n\n"

func TestTaskCardsAreKeptApartFromQuestions(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"t.toml": taskDeckHeader + `
[[card]]
id = "vol-task-x"
area = "volumes"
kind = "task"
prompt = "Run dd-x."
check = "vol-x"
solution = "docker run -d --name dd-x busybox:1.36 sleep 3600"
cleanup = ["container:dd-x"]
needs = ["folder"]
explain = "Because."
proof = "volumes/TestTaskX"

[[card]]
id = "vol-q"
area = "volumes"
kind = "flash"
prompt = "Q?"
answer = "A."
explain = "Because."
`})
	require.NoError(t, err)
	require.Len(t, set.Tasks(), 1)
	assert.Len(t, set.Cards(), 1, "a task is no question card")
	c, ok := set.Card("vol-task-x")
	require.True(t, ok, "a task is found by its id")
	assert.True(t, c.Task())
	assert.Equal(t, []string{"container:dd-x"}, c.Cleanup)
	assert.Equal(t, []string{"folder"}, c.Needs)
}

func TestTaskCardProblemsNameTheField(t *testing.T) {
	_, err := loadFiles(t, map[string]string{"t.toml": taskDeckHeader + `
[[card]]
id = "vol-task-x"
area = "volumes"
kind = "task"
prompt = "Run it."
check = "Vol X"
solution = "run it yourself"
cleanup = ["box:dd-x", "container:web", "image:nginx:alpine"]
needs = ["cluster"]
explain = "Because."

[[card]]
id = "vol-q"
area = "volumes"
kind = "flash"
prompt = "Q?"
answer = "A."
explain = "Because."
check = "vol-x"
`})
	lines := strings.Join(errorLines(t, err), "\n")
	for _, want := range []string{
		`card "vol-task-x": check: "Vol X" must be lower-case words`,
		`card "vol-task-x": solution: holds no docker command line`,
		`card "vol-task-x": cleanup: "box:dd-x": write kind:name`,
		`card "vol-task-x": cleanup: "container:web": a task's object names start with dd-`,
		`card "vol-task-x": cleanup: "image:nginx:alpine": an image of a task is named dd-`,
		`card "vol-task-x": needs: "cluster" is not something dockdrill sets up`,
		`card "vol-task-x": proof: missing`,
		`card "vol-q": check: not allowed in a flash card`,
	} {
		assert.Contains(t, lines, want)
	}
}

// TestReadmeTaskExampleIsAValidTask loads the task card of the authoring
// guide.
func TestReadmeTaskExampleIsAValidTask(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("decks", "README.md"))
	require.NoError(t, err)
	var block string
	for _, b := range strings.Split(string(readme), "```toml\n")[1:] {
		if b, _, _ = strings.Cut(b, "```"); strings.HasPrefix(b, "# a task card\n") {
			block = b
		}
	}
	require.NotEmpty(t, block, "the guide has a task example")
	set, err := loadFiles(t, map[string]string{"readme.toml": taskDeckHeader + block})
	require.NoError(t, err)
	require.Len(t, set.Tasks(), 1)
}
