package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// termDeck has a choice card without a hint of its own (so the hint is
// derived) and a command card whose answer is 110 characters long. A new
// drill asks the choice (arch) first.
const termDeck = `[deck]
id = "term"
title = "Terminal"
description = "Cards for the terminal's tests."

[[card]]
id = "term-arch-client"
area = "arch"
kind = "choice"
prompt = "How are the docker command and dockerd related?"
choices = ["docker runs containers itself; dockerd only stores images on disk", "dockerd is a graphical front end for docker", "docker is a client: it sends REST API requests to dockerd, which does the work", "dockerd is a file that docker reads"]
correct = ["docker is a client: it sends REST API requests to dockerd, which does the work"]
explain = "The Docker Engine is client-server: dockerd owns images, containers, networks and volumes and serves a REST API; the docker CLI only turns a command line into API calls."

[[card]]
id = "term-run-long"
area = "containers"
kind = "command"
prompt = "Run nginx detached, named w, published on 127.0.0.1 port 8080, with the named volume html mounted at the web root."
answer = "` + longAnswer + `"
explain = "A long command: every option in its place."
`

// longAnswer is 110 characters.
const longAnswer = "docker run -d --name w -p 127.0.0.1:8080:80 --mount type=volume,source=html,target=/usr/share/nginx/html nginx"

// typed is longAnswer with the wrong host port: as long, and wrong.
var typed = strings.Replace(longAnswer, "8080:80", "8081:80", 1)

// volatile masks what changes from run to run in a capture: the time spent.
var volatile = regexp.MustCompile(`(time spent +)\S+`)

// screenFits checks that no line of a capture is wider than the terminal.
func screenFits(t *testing.T, screen string, width int) {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		assert.LessOrEqual(t, len([]rune(l)), width, "wider than %d: %q", width, l)
	}
}

// typeSlowly types s literally, a few characters at a time, as keys come
// from a learner (and so that the editor redraws at each).
func (p *pane) typeSlowly(s string) {
	for len(s) > 0 {
		n := min(7, len(s))
		p.tmux("send-keys", "-t", "drill", "-l", "--", s[:n])
		s = s[n:]
	}
}

// TestDrillScreensInARealTerminal drives the drill binary in tmux at 60x20
// and 120x40 and compares the screens with golden captures: ? and u in a
// menu, a choice picked with a digit and rated with one key, a typed answer
// of 110 characters edited in place, the window resized mid-card, and the
// end of the session. Every screen fits the terminal's width.
// easyDays matches the Easy rating's interval in days.
var easyDays = regexp.MustCompile(`4 easy \d+d`)

func TestDrillScreensInARealTerminal(t *testing.T) {
	for _, size := range []struct{ w, h, narrower int }{{60, 20, 45}, {120, 40, 80}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			name := func(step string) string { return fmt.Sprintf("tmux/%s-%dx%d.txt", step, size.w, size.h) }
			e := newDrillEnv(t, map[string]string{"term.toml": termDeck})
			p := newPaneSized(t, e.environ(), fmt.Sprintf("%s drill --decks %s --deck term", dockdrillBinary(t), e.decks), size.w, size.h)

			// ? and u in the menu: each a key alone; the hint is derived,
			// undo has nothing to undo; the question is not repeated.
			p.waitFor("the choice menu", func(string) bool { return strings.Contains(p.screen(), "1-4 pick") })
			p.keys("?")
			p.waitFor("the hint", func(string) bool { return strings.Contains(p.screen(), "hint: Not") })
			p.keys("u")
			screen := p.waitFor("nothing to undo", func(string) bool {
				return strings.Contains(p.screen(), "nothing to undo in this session")
			})
			assert.Equal(t, 1, strings.Count(p.all(), "How are the docker command and dockerd related?"))
			screenFits(t, screen, size.w)
			golden(t, name("menu-hint-undo"), trimScreen(screen))

			// A digit picks; the rating shows each interval; 3 is Good.
			number := choiceOnScreen(t, screen, "docker is a client")
			p.keys(number)
			screen = p.waitFor("the rating", func(string) bool { return strings.Contains(p.screen(), "rate: 1 again") })
			assert.Contains(t, screen, "✔ right")
			screenFits(t, screen, size.w)
			// Easy's interval is whole days from now to a due time on a
			// day boundary: it depends on the hour the test runs.
			golden(t, name("choice-digit"), trimScreen(easyDays.ReplaceAllString(screen, "4 easy <n>d")))
			p.keys("3")
			p.waitCount("saved: good", 1)

			// The 110-character answer is edited in place: the prompt is
			// there once, the question stays; Home and End move.
			p.waitFor("the typed card", func(string) bool { return strings.Contains(p.screen(), "answer [? u q]>") })
			p.typeSlowly(typed[:len(typed)-5])
			p.keys("Home")
			p.keys("End")
			p.typeSlowly(typed[len(typed)-5:])
			screen = p.waitFor("the whole answer", func(string) bool {
				return strings.Contains(strings.ReplaceAll(p.screen(), "\n", ""), "html nginx")
			})
			assert.Equal(t, 1, strings.Count(p.all(), "answer [? u q]>"), "no copies of the prompt line")
			assert.Contains(t, screen, "Run nginx detached", "the question stays on screen")
			screenFits(t, screen, size.w)
			golden(t, name("typed-110"), trimScreen(screen))

			// Resized mid-card: the card is laid out again for the new
			// width, nothing wider, the prompt still once.
			p.tmux("resize-window", "-t", "drill", "-x", fmt.Sprint(size.narrower), "-y", fmt.Sprint(size.h))
			// The terminal rewraps what it shows at once; the drill's own
			// drawing is told apart by its lines, one column short of the
			// width, from the card's header down.
			screen = p.waitFor("the card laid out again", func(string) bool {
				s := p.screen()
				i := strings.LastIndex(s, "── card 2")
				return i >= 0 && strings.Contains(s[i:], "(alone + Enter)") && fits(s[i:], size.narrower-1)
			})
			screenFits(t, screen, size.narrower)
			assert.Equal(t, 1, strings.Count(screen, "answer [? u q]>"))
			golden(t, name("resized"), trimScreen(screen))

			// Wrong: rated Again, missed; then q at the next card ends the
			// session with its summary.
			p.keys("Enter")
			p.waitCount("saved: again", 1)
			p.waitFor("the next card", func(string) bool { return strings.Contains(p.screen(), "card 3 of") })
			p.keys("q")
			screen = p.waitFor("the summary", func(all string) bool { return strings.Contains(all, "[exit 0]") })
			screenFits(t, screen, size.narrower)
			assert.Contains(t, strings.Join(strings.Fields(screen), " "), "missed 1 card; go over them again now: dockdrill drill --missed")
			assert.Contains(t, screen, "term-run-long")
			golden(t, name("summary"), trimScreen(volatile.ReplaceAllString(summaryOf(screen), "${1}<t>")))
			assert.Len(t, e.reviews(t), 2)
		})
	}
}

// trimScreen drops the empty lines at the bottom of a capture.
func trimScreen(s string) string { return strings.TrimRight(s, "\n") + "\n" }

// fits reports whether every line of screen is at most width columns.
func fits(screen string, width int) bool {
	for _, l := range strings.Split(screen, "\n") {
		if len([]rune(l)) > width {
			return false
		}
	}
	return true
}

// summaryOf is the screen from the summary's title on.
func summaryOf(screen string) string {
	if i := strings.Index(screen, "── session"); i >= 0 {
		return screen[i:]
	}
	return screen
}

// choiceOnScreen returns the digit of the menu entry that starts with
// text.
func choiceOnScreen(t *testing.T, screen, text string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^[▸ ] ([1-9]) ` + regexp.QuoteMeta(text))
	m := re.FindStringSubmatch(screen)
	require.NotNil(t, m, "no entry %q on:\n%s", text, screen)
	return m[1]
}

// clockRE finds the exam's clock.
var clockRE = regexp.MustCompile(`\[(\d\d:\d\d) left\]`)

// TestExamScreensInARealTerminal sits a mock exam in tmux at 60x20 and
// 120x40: the clock in the header ticks by itself, m marks, n skips, a
// digit answers, q asks "submit now?" and 2 goes back, and the review
// before submitting lists the questions not answered and the marked one.
func TestExamScreensInARealTerminal(t *testing.T) {
	for _, size := range []struct{ w, h int }{{60, 20}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			e := newDrillEnv(t, nil)
			p := newPaneSized(t, e.environ(), fmt.Sprintf("%s exam --questions 3 --minutes 5 --seed 7 --mix single=1", dockdrillBinary(t)), size.w, size.h)

			// The clock ticks with no key pressed.
			var first string
			p.waitFor("question 1", func(string) bool {
				m := clockRE.FindStringSubmatch(p.screen())
				if m != nil {
					first = m[1]
				}
				return m != nil && strings.Contains(p.screen(), "Question 1 of 3")
			})
			p.waitFor("the clock to tick", func(string) bool {
				m := clockRE.FindStringSubmatch(p.screen())
				return m != nil && m[1] != first
			})

			// m marks question 1, n skips it; a digit answers question 2.
			p.keys("m")
			p.waitFor("the mark", func(string) bool { return strings.Contains(p.screen(), "★ marked") })
			p.keys("n")
			p.waitFor("question 2", func(string) bool { return strings.Contains(p.screen(), "Question 2 of 3") })
			p.keys("1")
			p.waitFor("question 3", func(string) bool { return strings.Contains(p.screen(), "Question 3 of 3") })

			// q asks first; 2 goes back to the question.
			p.keys("q")
			p.waitFor("submit now?", func(string) bool { return strings.Contains(p.screen(), "submit now?") })
			p.keys("2")
			p.waitFor("question 3 again", func(string) bool {
				s := p.screen()
				return strings.Contains(s, "Question 3 of 3") && !strings.Contains(s[strings.LastIndex(s, "Question 3 of 3"):], "submit now?")
			})
			p.keys("n")
			screen := p.waitFor("the review", func(string) bool { return strings.Contains(p.screen(), "go to question") })
			screenFits(t, screen, size.w)
			locs := clockRE.FindAllStringIndex(screen, -1)
			require.NotEmpty(t, locs, screen)
			review := screen[locs[len(locs)-1][0]:]
			golden(t, fmt.Sprintf("tmux/exam-review-%dx%d.txt", size.w, size.h), trimScreen(clockRE.ReplaceAllString(review, "[mm:ss left]")))

			// s submits: the result of what was answered.
			p.text("s")
			p.keys("Enter")
			screen = p.waitFor("the result", func(all string) bool { return strings.Contains(all, "[exit ") })
			assert.Contains(t, p.all(), "── Result ──")
			assert.Contains(t, p.all(), "1 answered in")
			screenFits(t, screen, size.w)
		})
	}
}
