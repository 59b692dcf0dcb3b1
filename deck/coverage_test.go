package deck_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The content promises of the built-in decks (issue 3), as tests, so that
// a deck edit cannot quietly break them.

func TestBuiltinDecksMeetTheContentTargets(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	c := set.Counts()
	assert.GreaterOrEqual(t, c.Cards, 220, "cards in all")
	for _, area := range set.Blueprint.AreaIDs() {
		assert.GreaterOrEqual(t, c.ByArea[area], 20, "cards in area %s", area)
	}
	assert.GreaterOrEqual(t, c.Practical, 80, "cards with a proof")
	typed := c.ByKind[deck.KindCommand] + c.ByKind[deck.KindCloze]
	picked := c.ByKind[deck.KindChoice] + c.ByKind[deck.KindMulti]
	assert.GreaterOrEqual(t, float64(typed)/float64(c.Cards), 0.30, "share of typed cards (command, cloze)")
	assert.GreaterOrEqual(t, float64(picked)/float64(c.Cards), 0.40, "share of choice and multi cards")
	for _, term := range []string{"docker", "dockerfile", "dockerignore"} {
		n := 0
		for _, card := range set.Cards() {
			for _, id := range card.Terms {
				if id == term {
					n++
				}
			}
		}
		assert.Positive(t, n, "cards on the term %s", term)
	}
}

// cardText is what a learner reads of a card and types into it.
func cardText(c *deck.Card) string {
	return strings.Join(append(append([]string{c.Prompt, c.Answer}, c.Accept...), c.Choices...), "\n")
}

func TestEveryDockerfileInstructionHasACard(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	// Docker's Dockerfile reference.
	for _, ins := range []string{"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY",
		"ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"} {
		word := regexp.MustCompile(`\b` + ins + `\b`)
		n := 0
		for _, c := range set.Cards() {
			if word.MatchString(cardText(c)) {
				n++
			}
		}
		assert.Positive(t, n, "a card asks about the %s instruction", ins)
	}
}

func TestEveryCommandOfTheNotesHasACard(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	var all []string
	for _, c := range set.Cards() {
		all = append(all, cardText(c))
	}
	text := strings.Join(all, "\n")
	// Each docker command of the learner's notes (seed/702.1-container-usage-notes.txt),
	// with the forms a card may write it in.
	notes := [][]string{
		{"docker image build", "docker build"},
		{"docker exec", "docker container exec"},
		{"docker run", "docker container run"},
		{"docker image pull", "docker pull"},
		{"docker image tag", "docker tag"},
		{"docker image push", "docker push"},
		{"docker image rm", "docker rmi"},
		{"docker image inspect"},
		{"docker network create"},
		{"-d macvlan", "--driver macvlan", "macvlan"},
		{"docker volume create"},
		{"docker volume ls"},
		{"docker volume inspect"},
		{"docker volume rm"},
		{"--mount"},
		{"docker container stop", "docker stop"},
		{"docker container rm", "docker rm"},
		{"docker ps -a", "docker container ls -a", "docker container ls --all"},
		{"docker ps -a -q", "docker ps -aq", "docker ps -qa"},
		{"docker container attach", "docker attach"},
		{"--sig-proxy=false"},
		{"docker container start", "docker start"},
		{"docker container logs", "docker logs"},
		{"--tail"},
		{"--since"},
		{"docker container top", "docker top"},
		{"docker container stats", "docker stats"},
		{"docker container update", "docker update"},
		{"--cpu-shares"},
		{"--memory", "-m "},
		{"docker container pause", "docker pause"},
		{"docker container unpause", "docker unpause"},
		{"docker container restart", "docker restart"},
		{"docker container kill", "docker kill"},
		{"docker container prune"},
		{"docker container create", "docker create"},
		{"docker container port", "docker port"},
		{"docker container diff", "docker diff"},
		{"docker container ls", "docker ps"},
		{"--network"},
		{"-p 8080:80"},
	}
	for _, forms := range notes {
		found := false
		for _, f := range forms {
			found = found || strings.Contains(text, f)
		}
		assert.True(t, found, "a card teaches %s", fmt.Sprint(forms))
	}
}
