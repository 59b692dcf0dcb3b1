package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dockdrill/dockdrill/deck"
)

// Hint returns the card's hint: its own when the deck gives one, else one
// derived from the card, so that "?" always helps:
//
//   - command: the command's first words and how many words it has;
//   - cloze: the first letter and the length of each word of the blank;
//   - choice: two options (one when there are three) that are wrong;
//   - multi: one option that is not among the right ones;
//   - flash: the answer's first words and its length in words.
//
// A derived hint never gives the whole answer.
func Hint(c *deck.Card) string {
	if c.Hint != "" {
		return c.Hint
	}
	switch c.Kind {
	case deck.KindChoice, deck.KindMulti:
		var wrong []string
		for _, ch := range c.Choices {
			if !slices.Contains(c.Correct, ch) {
				wrong = append(wrong, fmt.Sprintf("%q", ch))
			}
		}
		slices.SortStableFunc(wrong, func(a, b string) int { return len(a) - len(b) }) // the shortest: a hint, not a second question
		keep := 1
		if c.Kind == deck.KindChoice && len(c.Choices) >= 4 {
			keep = 2
		}
		wrong = wrong[:min(keep, len(wrong))]
		if c.Kind == deck.KindMulti {
			return fmt.Sprintf("%d are right; not %s.", len(c.Correct), strings.Join(wrong, ""))
		}
		return "Not " + strings.Join(wrong, " and not ") + "."
	case deck.KindCloze:
		return clozeHint(c.Answer)
	case deck.KindFlash:
		words := strings.Fields(c.Answer)
		n := min(3, max(1, len(words)/4))
		return fmt.Sprintf("It starts %q, %d words in all.", strings.Join(words[:n], " ")+" …", len(words))
	default:
		return commandHint(c.Answer)
	}
}

// commandHint gives a command's first words and its number of words:
// "starts "docker volume …", 3 words".
func commandHint(answer string) string {
	words := strings.Fields(answer)
	switch len(words) {
	case 0:
		return "Type the command."
	case 1:
		return fmt.Sprintf("One word, starting with %q, %d letters.", firstRune(words[0]), utf8.RuneCountInString(words[0]))
	}
	n := min(2, len(words)-1)
	if len(words) >= 5 {
		n = 2
	}
	return fmt.Sprintf("It starts %q, %d words in all.", strings.Join(words[:n], " ")+" …", len(words))
}

// clozeHint gives the blank's first letters and lengths: "1 word: s…
// (6 letters)".
func clozeHint(answer string) string {
	words := strings.Fields(answer)
	if len(words) == 0 {
		return "Fill in the blank."
	}
	if r := []rune(words[0]); len(words) == 1 && len(r) == 1 {
		switch {
		case unicode.IsUpper(r[0]):
			return "One character: a capital letter."
		case unicode.IsLetter(r[0]):
			return "One character: a small letter."
		case unicode.IsDigit(r[0]):
			return "One character: a digit."
		}
		return "One character: a symbol, not a letter or a digit."
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = fmt.Sprintf("%s… (%d)", firstRune(w), utf8.RuneCountInString(w))
	}
	noun := "word"
	if len(words) > 1 {
		noun = "words"
	}
	return fmt.Sprintf("%d %s: %s.", len(words), noun, strings.Join(parts, " "))
}

func firstRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return string(r)
}
