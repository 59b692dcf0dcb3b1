package lab_test

import (
	"fmt"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
)

// Where a proof's time goes on the engine, one operation at a time:
// go test -run '^$' -bench . -benchtime 5x ./exercises/lab

func BenchmarkRunAndRemoveAContainer(b *testing.B) {
	l := lab.Begin(b)
	img := l.Image(lab.Shell)
	for i := 0; b.Loop(); i++ {
		l.MustDocker(l.RunArgs("--rm", img, "true")...)
	}
}

func BenchmarkStartADetachedContainer(b *testing.B) {
	l := lab.Begin(b)
	img := l.Image(lab.Shell)
	for i := 0; b.Loop(); i++ {
		l.DockerRunDetached(fmt.Sprintf("bench-%d", i), img, "sleep", "60")
	}
}

// benchBuild builds a Dockerfile of n extra instructions, each a fresh
// build step (a unique value defeats the cache).
func benchBuild(b *testing.B, instruction string, n int) {
	l := lab.Begin(b)
	base := "FROM " + l.Image(lab.Shell) + "\n"
	for i := 0; b.Loop(); i++ {
		df := base
		for j := range n {
			df += fmt.Sprintf(instruction, l.Name(fmt.Sprintf("%d-%d", i, j))) + "\n"
		}
		l.Build(l.ImageRef(fmt.Sprintf("bench-%d", i)), map[string]string{"Dockerfile": df})
	}
}

func BenchmarkBuildFiveRunSteps(b *testing.B)   { benchBuild(b, "RUN echo %s > /x", 5) }
func BenchmarkBuildFiveLabelSteps(b *testing.B) { benchBuild(b, "LABEL x=%s", 5) }
func BenchmarkBuildOneLabelStep(b *testing.B)   { benchBuild(b, "LABEL x=%s", 1) }

func BenchmarkStartAnEngineAndLoadTheShellRole(b *testing.B) {
	l := lab.Begin(b)
	for b.Loop() {
		e := l.Engine()
		e.Load(lab.Shell)
		l.MustDocker("rm", "-f", "-v", e.Name)
	}
}
