package exam

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dockdrill/dockdrill/deck"
)

// Mix is the share of each kind of question on the exam form: single
// choice, pick N, fill in the blank, as the blueprint lists them.
type Mix struct {
	Kinds  []deck.QuestionKind // in blueprint order
	Shares []float64           // one per kind, summing to 1
}

// DefaultMix gives every question kind of the blueprint the same share. The
// blueprint lists the kinds but not how often each is asked, and LPI
// publishes no such figure, so no kind is favoured; ParseMix sets others.
func DefaultMix(bp *deck.Blueprint) Mix {
	m := Mix{Kinds: bp.QuestionKinds, Shares: make([]float64, len(bp.QuestionKinds))}
	for i := range m.Shares {
		m.Shares[i] = 1 / float64(len(m.Shares))
	}
	return m
}

// ParseMix reads shares written as "single=0.5,multiple=0.2,fill=0.3", by
// question kind id of the blueprint. The shares given may add up to at most
// 1; the kinds left out share the rest as DefaultMix shares them (equally),
// so "fill=0.5" means half fill-in questions and a quarter of each other
// kind, and "single=0" leaves single-choice questions out. When every kind
// is given the shares must add up to 1. An empty s returns DefaultMix.
func ParseMix(bp *deck.Blueprint, s string) (Mix, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultMix(bp), nil
	}
	m := Mix{Kinds: bp.QuestionKinds, Shares: make([]float64, len(bp.QuestionKinds))}
	ids := make([]string, len(bp.QuestionKinds))
	for i, k := range bp.QuestionKinds {
		ids[i] = k.ID
	}
	seen := map[string]bool{}
	sum := 0.0
	for _, part := range strings.Split(s, ",") {
		id, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		id = strings.TrimSpace(id)
		if !ok {
			return Mix{}, fmt.Errorf("%q is not KIND=SHARE, e.g. single=0.5", part)
		}
		i := slices.Index(ids, id)
		if i < 0 {
			return Mix{}, fmt.Errorf("%q is not a question kind of exam %s (%s)", id, bp.Exam.ID, strings.Join(ids, ", "))
		}
		if seen[id] {
			return Mix{}, fmt.Errorf("%q is given twice", id)
		}
		seen[id] = true
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			return Mix{}, fmt.Errorf("%s: %q is not a share of 0 or more", id, val)
		}
		m.Shares[i] = f
		sum += f
	}
	const eps = 1e-9
	if sum > 1+eps {
		return Mix{}, fmt.Errorf("the shares add up to %g, more than 1", sum)
	}
	def := DefaultMix(bp)
	rest := 0.0 // the default shares of the kinds left out
	for i, k := range ids {
		if !seen[k] {
			rest += def.Shares[i]
		}
	}
	if rest == 0 {
		if sum < 1-eps {
			return Mix{}, fmt.Errorf("the shares add up to %g, not 1; leave a kind out to give it the rest", sum)
		}
		return m, nil
	}
	for i, k := range ids {
		if !seen[k] {
			m.Shares[i] = (1 - sum) * def.Shares[i] / rest
		}
	}
	return m, nil
}

// Index returns the position in Kinds of the question kind a card of kind k
// practises, or -1 when no question of the exam is asked that way (flash
// cards: the exam never asks for free recall).
func (m Mix) Index(k deck.Kind) int {
	return slices.IndexFunc(m.Kinds, func(q deck.QuestionKind) bool { return slices.Contains(q.Cards, k) })
}

// Asked reports whether a card can be asked as an exam question.
func (m Mix) Asked(c *deck.Card) bool { return m.Index(c.Kind) >= 0 }

// String writes the mix as "single 50%, multiple 25%, fill 25%".
func (m Mix) String() string {
	parts := make([]string, len(m.Kinds))
	for i, k := range m.Kinds {
		parts[i] = fmt.Sprintf("%s %.0f%%", k.ID, 100*m.Shares[i])
	}
	return strings.Join(parts, ", ")
}

// GuessChance is the probability of answering a card right by guessing
// alone: 1/k for a single choice of k options, 1/C(k, n) for picking exactly
// n of k, and 0 for a typed answer or free recall.
func GuessChance(c *deck.Card) float64 {
	k := len(c.Choices)
	switch c.Kind {
	case deck.KindChoice:
		if k == 0 {
			return 0
		}
		return 1 / float64(k)
	case deck.KindMulti:
		n := len(c.Correct)
		if k == 0 || n == 0 || n > k {
			return 0
		}
		return 1 / binomial(k, n)
	}
	return 0
}

// binomial returns C(n, k).
func binomial(n, k int) float64 {
	c := 1.0
	for i := 1; i <= k; i++ {
		c = c * float64(n-k+i) / float64(i)
	}
	return math.Round(c)
}
