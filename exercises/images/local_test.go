package images_test

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTagMakesAnAliasWithTheSameID(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("tagged")
	id := l.BuildStamped(ref, l.Name("stamp"))
	alias := "dockdrill-proof/" + l.Name("alias")
	l.RemoveImageAtEnd(alias + ":1.0")
	l.RemoveImageAtEnd(alias + ":latest")

	l.MustDocker("tag", ref, alias+":1.0")
	l.MustDocker("tag", ref, alias) // no tag given: latest
	assert.Equal(t, id, imageID(t, l, alias+":1.0"))
	assert.Equal(t, id, imageID(t, l, alias+":latest"), "a tag left out is latest")

	// docker images REPOSITORY lists one row per tag, all with one ID.
	rows := l.MustDocker("images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}", alias)
	short := strings.TrimPrefix(id, "sha256:")[:12]
	assert.ElementsMatch(t, []string{alias + ":1.0 " + short, alias + ":latest " + short}, strings.Split(rows, "\n"))
	tags := l.MustDocker("image", "inspect", "--format", "{{json .RepoTags}}", id)
	var repoTags []string
	require.NoError(t, json.Unmarshal([]byte(tags), &repoTags))
	assert.ElementsMatch(t, []string{ref, alias + ":1.0", alias + ":latest"}, repoTags)
}

func TestRemovingOneTagKeepsTheImageAnotherTagNames(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("kept")
	id := l.BuildStamped(ref, l.Name("stamp"))
	alias := "dockdrill-proof/" + l.Name("alias") + ":v1"
	l.RemoveImageAtEnd(alias)
	l.MustDocker("tag", ref, alias)

	// By ID, an image with several names is refused without -f.
	byID := l.Docker("rmi", id)
	assert.NotEqual(t, 0, byID.Code)
	assert.Contains(t, byID.Stderr, "referenced in multiple repositories")

	// One name goes, the image stays.
	out := l.MustDocker("rmi", alias)
	assert.Equal(t, "Untagged: "+alias, out)
	assert.Equal(t, id, imageID(t, l, ref))

	// The last name goes, and the image with it.
	out = l.MustDocker("image", "rm", ref)
	assert.Contains(t, out, "Untagged: "+ref)
	assert.Contains(t, out, "Deleted: "+id)
	assert.True(t, absent(l, id))
}

func TestImageInspectShowsCmdEnvAndExposedPorts(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("inspect")
	l.BuildStamped(ref, l.Name("stamp"),
		"ENV GREETING=hello APP_HOME=/srv/app",
		"EXPOSE 8080 9090/udp",
		`CMD ["sleep", "42"]`)

	var cfg struct {
		Cmd          []string
		Env          []string
		ExposedPorts map[string]struct{}
	}
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("image", "inspect", "--format", "{{json .Config}}", ref)), &cfg))
	assert.Equal(t, []string{"sleep", "42"}, cfg.Cmd)
	assert.Subset(t, cfg.Env, []string{"GREETING=hello", "APP_HOME=/srv/app"})
	assert.Equal(t, map[string]struct{}{"8080/tcp": {}, "9090/udp": {}}, cfg.ExposedPorts, "EXPOSE without a protocol means tcp")

	// The one field, with a Go template.
	assert.Equal(t, `["sleep","42"]`, l.MustDocker("image", "inspect", "--format", "{{json .Config.Cmd}}", ref))
}

func TestHistoryShowsOneEntryPerBuildStep(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("history")
	l.BuildStamped(ref, l.Name("stamp"),
		"ENV STAGE=history",
		"RUN echo built > /built.txt",
		`CMD ["cat", "/stamp"]`)

	type step struct {
		by   string
		size int64
	}
	history := func(ref string) []step {
		out := l.MustDocker("history", "--no-trunc", "--human=false", "--format", "{{.CreatedBy}}\t{{.Size}}", ref)
		var steps []step
	lines:
		for _, line := range strings.Split(out, "\n") {
			by, size, ok := strings.Cut(line, "\t")
			require.True(t, ok, line)
			// The legacy builder records the lab's --label flags as
			// LABEL steps of their own; they are not the Dockerfile's.
			for k := range l.Labels() {
				if strings.Contains(by, "LABEL "+k+"=") {
					continue lines
				}
			}
			n, err := strconv.ParseInt(size, 10, 64)
			require.NoError(t, err, line)
			steps = append(steps, step{by, n})
		}
		return steps
	}
	steps, base := history(ref), history(l.Image(lab.Shell))

	// Newest first: our four steps on top of the base image's history.
	require.Len(t, steps, len(base)+4)
	want := []struct {
		text   string
		filled bool // a step that changes files makes a layer with content
	}{
		{`CMD ["cat" "/stamp"]`, false},
		{"echo built > /built.txt", true},
		{"ENV STAGE=history", false},
		{"COPY", true},
	}
	for i, w := range want {
		assert.Contains(t, steps[i].by, w.text, "step %d", i)
		if w.filled {
			assert.Positive(t, steps[i].size, "%s adds content", w.text)
		} else {
			assert.Zero(t, steps[i].size, "%s only sets metadata", w.text)
		}
	}
	assert.Equal(t, base, steps[4:], "below them, the base image's own history")
}

func TestSaveAndLoadRoundTripKeepsTheImageID(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("saved")
	id := l.BuildStamped(ref, l.Name("stamp"))
	tar := filepath.Join(t.TempDir(), "image.tar")

	l.MustDocker("save", "-o", tar, ref)
	l.MustDocker("rmi", ref)
	require.True(t, absent(l, id))

	out := l.MustDocker("load", "-i", tar)
	assert.Contains(t, out, "Loaded image: "+ref)
	assert.Equal(t, id, imageID(t, l, ref), "the same image, with its name")
	assert.Equal(t, l.Name("stamp"), l.MustDocker(l.RunArgs("--rm", ref, "cat", "/stamp")...))
}
