package deck

import (
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"
)

// MaxCueRatio is how many times longer than its longest distractor a right
// option may be before `decks lint` warns that its length gives it away.
const MaxCueRatio = 1.5

// OptionLength is the length of an option as the item statistics count it
// (shared/tools/item-stats): its characters, that is Unicode code points.
func OptionLength(s string) int { return utf8.RuneCountInString(s) }

// pickNPattern matches the exam's way of stating a pick-N count in a
// prompt: "(choose two)", "(Choose 3.)".
var pickNPattern = regexp.MustCompile(`(?i)\(choose (\d|two|three|four|five)\.?\)`)

// PickN reports whether c is a pick-N item as the exam writes one: a multi
// card whose prompt says "(choose N)" and that has 4 to 6 options.
func (c *Card) PickN() bool {
	return c.Kind == KindMulti && pickNPattern.MatchString(c.Prompt) && len(c.Choices) >= 4 && len(c.Choices) <= 6
}

// lengths returns the lengths of a picked card's right and wrong options.
func (c *Card) lengths() (right, wrong []int) {
	for _, ch := range c.Choices {
		if slices.Contains(c.Correct, ch) {
			right = append(right, OptionLength(ch))
		} else {
			wrong = append(wrong, OptionLength(ch))
		}
	}
	return right, wrong
}

// LengthCue is the length of a picked card's longest right option divided
// by that of its longest wrong one: above 1 the right answer stands out as
// the longest. It is 0 for a card without options.
func (c *Card) LengthCue() float64 {
	right, wrong := c.lengths()
	if len(right) == 0 || len(wrong) == 0 || slices.Max(wrong) == 0 {
		return 0
	}
	return float64(slices.Max(right)) / float64(slices.Max(wrong))
}

// ItemStats are the item-writing statistics of a group of cards, computed
// as shared/tools/item-stats computes them.
type ItemStats struct {
	Single         int     // single-choice cards
	CorrectLongest int     // single-choice cards whose right option is strictly the longest
	MedianRatio    float64 // median over single-choice cards of len(right) / median len(others)
	Multi          int     // multi cards
	Picked         int     // choice and multi cards
	PickN          map[string]int
}

// LongestShare is the share of single-choice cards whose right option is
// strictly the longest.
func (s ItemStats) LongestShare() float64 {
	if s.Single == 0 {
		return 0
	}
	return float64(s.CorrectLongest) / float64(s.Single)
}

// MultiShare is the share of multi cards among the picked ones.
func (s ItemStats) MultiShare() float64 {
	if s.Picked == 0 {
		return 0
	}
	return float64(s.Multi) / float64(s.Picked)
}

// ComputeItemStats measures cards; PickN counts the pick-N items of each
// knowledge area.
func ComputeItemStats(cards []*Card) ItemStats {
	s := ItemStats{PickN: map[string]int{}}
	var ratios []float64
	for _, c := range cards {
		switch c.Kind {
		case KindMulti:
			s.Multi++
			s.Picked++
			if c.PickN() {
				s.PickN[c.Area]++
			}
		case KindChoice:
			s.Picked++
			right, wrong := c.lengths()
			if len(right) != 1 || len(wrong) == 0 {
				continue
			}
			s.Single++
			if right[0] > slices.Max(wrong) {
				s.CorrectLongest++
			}
			ratios = append(ratios, float64(right[0])/median(wrong))
		}
	}
	if len(ratios) > 0 {
		s.MedianRatio = median(ratios)
	}
	return s
}

// median is the middle value, or the mean of the two middle values.
func median[T int | float64](xs []T) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return (float64(s[n/2-1]) + float64(s[n/2])) / 2
}

// Warning is a problem that does not stop a deck from loading, such as an
// item whose form gives its answer away.
type Warning = Error

// Warnings returns what `decks lint` warns about in cards: a choice or
// multi card whose right option is more than MaxCueRatio times as long as
// its longest distractor, so that a learner can pick it by its length.
func Warnings(cards []*Card) []*Warning {
	var out []*Warning
	for _, c := range cards {
		if r := c.LengthCue(); r > MaxCueRatio {
			out = append(out, &Warning{File: c.File, Line: c.Line, Item: fmt.Sprintf("card %q", c.ID), Field: "choices",
				Msg: fmt.Sprintf("the right option is %.1f× as long as the longest wrong one, so its length gives it away; make the options alike in length and detail", r)})
		}
	}
	return out
}
