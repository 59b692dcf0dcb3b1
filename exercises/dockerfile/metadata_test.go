package dockerfile_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestLabelIsRecordedInImageAndContainerMetadata(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "label", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`LABEL maintainer="Dani" description="This example Dockerfile installs Apache and PHP."` + "\n" +
		"LABEL version=7\n"})

	var labels map[string]string
	inspectJSON(l, "image", ".Config.Labels", ref, &labels)
	assert.Equal(t, "Dani", labels["maintainer"])
	assert.Equal(t, "This example Dockerfile installs Apache and PHP.", labels["description"])
	assert.Equal(t, "7", labels["version"])

	ctr := l.Name("label")
	l.MustDocker(append(append([]string{"create", "--name", ctr}, l.LabelArgs()...), ref)...)
	var ctrLabels map[string]string
	inspectJSON(l, "container", ".Config.Labels", ctr, &ctrLabels)
	assert.Equal(t, "Dani", ctrLabels["maintainer"], "containers inherit the image's labels")

	// Scoped to this test's image by its name: other images may say version=7.
	listed := l.MustDocker("images", "--filter", "label=version=7", "--filter", "reference="+ref,
		"--format", "{{.Repository}}:{{.Tag}}")
	assert.Equal(t, ref, listed, "docker images --filter label= finds the image by its label")
}

func TestMaintainerOnlySetsTheDeprecatedAuthorField(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "maintainer", map[string]string{"Dockerfile": from(l, lab.Shell) + "MAINTAINER Dani\n"})

	assert.Equal(t, "Dani", inspectFormat(l, "image", "{{.Author}}", ref), "MAINTAINER fills the image's Author field")
	var labels map[string]string
	inspectJSON(l, "image", ".Config.Labels", ref, &labels)
	assert.NotContains(t, labels, "maintainer", "it adds no label: LABEL maintainer=... is the replacement")
}

func TestOnbuildFiresInChildBuildOnly(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	parent := buildFiles(l, "onbuild-parent", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"ONBUILD RUN echo fired > /onbuild-ran\n" +
		"ONBUILD COPY app.txt /app.txt\n"})

	var triggers []string
	inspectJSON(l, "image", ".Config.OnBuild", parent, &triggers)
	assert.Equal(t, []string{"RUN echo fired > /onbuild-ran", "COPY app.txt /app.txt"}, triggers, "the parent only records its triggers")
	assert.Equal(t, layers(l, l.Image(lab.Shell)), layers(l, parent), "they did not run in the parent's build: it added no layer")

	// The child's Dockerfile names neither step; the triggers run right
	// after its FROM, in the child's build context.
	child := buildFiles(l, "onbuild-child", map[string]string{
		"Dockerfile": "FROM " + parent + "\n" + `CMD ["cat", "/onbuild-ran", "/app.txt"]` + "\n",
		"app.txt":    "from the child's context\n",
	})
	assert.Equal(t, "fired\nfrom the child's context", run(l, child))
	inspectJSON(l, "image", ".Config.OnBuild", child, &triggers)
	assert.Empty(t, triggers, "triggers fire once: a grandchild would not run them again")
}
