package exam

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/dockdrill/dockdrill/deck"
)

// Question is one question of a mock exam form.
type Question struct {
	Card *deck.Card
	Kind string // the question kind's id in the blueprint: "single", "multiple", "fill"
	// Options are the card's choices in the order shown, shuffled for
	// the form; empty for a typed question.
	Options []string
	// Pick is how many options to pick: 1 for a single choice, the
	// number of right options for pick N, 0 for a typed answer.
	Pick int
}

// Typed reports whether the question is answered by typing.
func (q Question) Typed() bool { return len(q.Options) == 0 }

// Apportion splits total among shares in proportion to weights by the
// largest remainder method: each gets the whole part of its quota, and the
// rest go one each to the largest remainders. Ties are broken by rng when it
// is not nil, else by position. Weights must not be negative and must not
// all be 0.
func Apportion(total int, weights []float64, rng *rand.Rand) []int {
	out := make([]int, len(weights))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if total <= 0 || sum <= 0 {
		return out
	}
	type rem struct {
		i   int
		r   float64
		tie float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for i, w := range weights {
		q := float64(total) * w / sum
		out[i] = int(q)
		given += out[i]
		rems[i] = rem{i: i, r: q - float64(out[i])}
		if rng != nil {
			rems[i].tie = rng.Float64()
		}
	}
	sort.SliceStable(rems, func(a, b int) bool {
		const eps = 1e-9
		if d := rems[a].r - rems[b].r; d > eps || d < -eps {
			return d > 0
		}
		return rems[a].tie < rems[b].tie
	})
	for k := 0; given < total; k = (k + 1) % len(rems) {
		if weights[rems[k].i] > 0 {
			out[rems[k].i]++
			given++
		}
	}
	return out
}

// Assemble draws a mock exam form of n questions from the cards of areas
// (cardsOf returns an area's cards). The areas share the questions equally,
// as the blueprint weights them alike, the remainder going to areas drawn
// at random; an area with too few cards that can be asked passes its
// surplus to the others. Within an area each question's kind is drawn
// by the mix among the kinds it still has cards of, and then a card of that
// kind, never the same card twice. Choices are shuffled, and the questions
// of all areas are put in random order. Flash cards are never asked.
func Assemble(areas []deck.Area, cardsOf func(area string) []*deck.Card, n int, mix Mix, rng *rand.Rand) ([]Question, error) {
	if n <= 0 {
		return nil, fmt.Errorf("a mock exam needs at least one question")
	}
	// pools[a][k] are area a's cards of question kind k.
	pools := make([][][]*deck.Card, len(areas))
	avail := make([]int, len(areas))
	total := 0
	for a, area := range areas {
		pools[a] = make([][]*deck.Card, len(mix.Kinds))
		for _, c := range cardsOf(area.ID) {
			if k := mix.Index(c.Kind); k >= 0 {
				pools[a][k] = append(pools[a][k], c)
				avail[a]++
			}
		}
		total += avail[a]
	}
	if total < n {
		return nil, fmt.Errorf("%d questions asked for, but only %d cards can be asked as exam questions", n, total)
	}

	// Equal shares, capped by what each area has: one question to each
	// area with cards left in turn, in an order drawn at random, so the
	// areas that get one more than the others are drawn at random too.
	alloc := make([]int, len(areas))
	order := rng.Perm(len(areas))
	for left := n; left > 0; {
		for _, a := range order {
			if left > 0 && alloc[a] < avail[a] {
				alloc[a]++
				left--
			}
		}
	}

	var form []Question
	for a := range areas {
		for range alloc[a] {
			k := drawKind(pools[a], mix, rng)
			pool := pools[a][k]
			i := rng.IntN(len(pool))
			c := pool[i]
			pools[a][k] = slices.Delete(slices.Clone(pool), i, i+1)
			form = append(form, newQuestion(c, mix.Kinds[k].ID, rng))
		}
	}
	rng.Shuffle(len(form), func(i, j int) { form[i], form[j] = form[j], form[i] })
	return form, nil
}

// drawKind draws a question kind by the mix among the kinds that still have
// cards; when all of those have share 0 it draws among them uniformly.
func drawKind(pools [][]*deck.Card, mix Mix, rng *rand.Rand) int {
	weights := make([]float64, len(pools))
	sum, any := 0.0, 0
	for k, p := range pools {
		if len(p) > 0 {
			weights[k] = mix.Shares[k]
			sum += weights[k]
			any++
		}
	}
	if sum == 0 {
		for k, p := range pools {
			if len(p) > 0 {
				weights[k] = 1
			}
		}
		sum = float64(any)
	}
	x := rng.Float64() * sum
	last := -1
	for k, w := range weights {
		if w <= 0 {
			continue
		}
		last = k
		if x < w {
			return k
		}
		x -= w
	}
	return last
}

// newQuestion makes a question of card c with its choices shuffled.
func newQuestion(c *deck.Card, kind string, rng *rand.Rand) Question {
	q := Question{Card: c, Kind: kind}
	switch c.Kind {
	case deck.KindChoice:
		q.Pick = 1
	case deck.KindMulti:
		q.Pick = len(c.Correct)
	}
	if len(c.Choices) > 0 {
		q.Options = slices.Clone(c.Choices)
		rng.Shuffle(len(q.Options), func(i, j int) { q.Options[i], q.Options[j] = q.Options[j], q.Options[i] })
	}
	return q
}
