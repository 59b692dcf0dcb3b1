// Package export writes the cards and the review log in formats other
// programs read: a text file Anki imports (and later updates note by note),
// a plain CSV of the cards, and the review log in the columns of the FSRS
// optimizer.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// AnkiColumns are the columns of the Anki file, in order. guid, deck and
// tags are Anki's special columns; Front and Back are the fields of Anki's
// built-in Basic note type, which Anki maps to them by name.
var AnkiColumns = []string{"guid", "deck", "Front", "Back", "tags"}

// AnkiOptions tune the Anki file.
type AnkiOptions struct {
	// DeckPrefix is the parent deck in Anki: a card of deck "volumes"
	// goes to DeckPrefix::volumes, created when missing. Default
	// "dockdrill".
	DeckPrefix string
	// NoteType is the note type notes are imported as; default "Basic".
	NoteType string
	// HTML writes the fields as HTML (#html:true): &, < and > escaped and
	// line breaks as <br>, so multi-line prompts such as Dockerfiles keep
	// their lines in Anki. Without it the fields are plain text
	// (#html:false), which Anki escapes itself and shows with line
	// breaks folded into spaces.
	HTML bool
}

// WriteAnki writes cards as a text file for Anki's File > Import (Anki
// 2.1.55 or later), with the file headers of Anki's manual ("Importing text
// files", File Headers): tab-separated, one note per card, the card's id as
// the note's GUID so that importing a later export updates the same notes
// instead of adding new ones, the deck in its own column, and the tags in
// the last. A field holding a tab, a line break or a double quote, or
// starting with #, is put in double quotes with its quotes doubled, as
// Anki's reader requires.
func WriteAnki(w io.Writer, cards []*deck.Card, o AnkiOptions) error {
	if o.DeckPrefix == "" {
		o.DeckPrefix = "dockdrill"
	}
	if o.NoteType == "" {
		o.NoteType = "Basic"
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "#separator:tab\n#html:%t\n#notetype:%s\n#columns:%s\n", o.HTML, o.NoteType, strings.Join(AnkiColumns, "\t"))
	fmt.Fprintf(bw, "#guid column:%d\n#deck column:%d\n#tags column:%d\n", 1, 2, len(AnkiColumns))
	field := func(s string) string {
		if o.HTML {
			s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r\n", "<br>", "\n", "<br>").Replace(s)
		}
		return s
	}
	for _, c := range cards {
		deckName := o.DeckPrefix
		if c.Deck != "" {
			deckName += "::" + c.Deck
		}
		writeRecord(bw, '\t', []string{c.ID, deckName, field(Front(c)), field(Back(c)), strings.Join(Tags(c), " ")})
	}
	return bw.Flush()
}

// writeRecord writes one record, quoting a field only where Anki's reader
// needs it.
func writeRecord(w *bufio.Writer, sep rune, fields []string) {
	for i, f := range fields {
		if i > 0 {
			w.WriteRune(sep)
		}
		if strings.ContainsAny(f, string(sep)+"\"\r\n") || strings.HasPrefix(f, "#") {
			w.WriteByte('"')
			w.WriteString(strings.ReplaceAll(f, `"`, `""`))
			w.WriteByte('"')
			continue
		}
		w.WriteString(f)
	}
	w.WriteByte('\n')
}

// Options returns the options of a choice or pick-N card in the order an
// export writes them: shuffled, so that the right answer is not always
// option A, in an order fixed by the card's id alone, so that exporting
// again writes the same file. It returns nil for a card without options.
func Options(c *deck.Card) []string {
	if len(c.Choices) == 0 {
		return nil
	}
	out := slices.Clone(c.Choices)
	// splitmix64 seeded with the FNV-1a hash of the id: a generator
	// written out here, so that the order never changes with Go's
	// math/rand.
	h := fnv.New64a()
	h.Write([]byte(c.ID))
	state := h.Sum64()
	next := func() uint64 {
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	for i := len(out) - 1; i > 0; i-- { // Fisher-Yates
		j := int(next() % uint64(i+1))
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// letter names the option at index i: A, B, C…
func letter(i int) string { return string(rune('A' + i)) }

// lettered returns the options as "A. option" lines, and the right ones
// among them, in the order of Options.
func lettered(c *deck.Card) (all, right []string) {
	for i, o := range Options(c) {
		line := letter(i) + ". " + o
		all = append(all, line)
		if slices.Contains(c.Correct, o) {
			right = append(right, line)
		}
	}
	return all, right
}

// Front is the question side of a card: the prompt, and the options of a
// choice or pick-N card lettered A, B, C… in the order of Options.
func Front(c *deck.Card) string {
	var b strings.Builder
	b.WriteString(c.Prompt)
	if all, _ := lettered(c); len(all) > 0 {
		b.WriteString("\n\n")
		b.WriteString(strings.Join(all, "\n"))
	}
	return b.String()
}

// Back is the answer side: the answer (with the other accepted answers) or
// the right options with their letters on the Front, then the explanation
// and the proof.
func Back(c *deck.Card) string {
	var b strings.Builder
	if len(c.Choices) > 0 {
		_, right := lettered(c)
		b.WriteString(strings.Join(right, "\n"))
	} else {
		b.WriteString(c.Answer)
		if len(c.Accept) > 0 {
			b.WriteString("\n(also accepted: " + strings.Join(c.Accept, "; ") + ")")
		}
	}
	if c.Explain != "" {
		b.WriteString("\n\n" + c.Explain)
	}
	if c.Proof != "" {
		b.WriteString("\n\nProof: " + c.Proof)
	}
	return b.String()
}

// Tags are the Anki tags of a card: dockdrill, its area and kind as
// hierarchical tags, the blueprint terms it teaches and its own tags.
func Tags(c *deck.Card) []string {
	tags := []string{"dockdrill", "dockdrill::area::" + c.Area, "dockdrill::kind::" + string(c.Kind)}
	for _, t := range c.Terms {
		tags = append(tags, "dockdrill::term::"+t)
	}
	return append(tags, c.Tags...)
}

// CSVColumns are the columns of WriteCSV.
var CSVColumns = []string{"id", "deck", "area", "kind", "prompt", "answer", "accept", "choices", "correct", "explain", "hint", "tags", "terms", "proof"}

// WriteCSV writes every card as a row of comma-separated values (RFC 4180)
// with a header row of CSVColumns. Lists (accept, choices, correct, tags,
// terms) hold one item per line within their field. The choices of a
// choice or pick-N card are lettered "A. option" in the order of Options,
// and correct names the right ones the same way.
func WriteCSV(w io.Writer, cards []*deck.Card) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	list := func(l []string) string { return strings.Join(l, "\n") }
	for _, c := range cards {
		choices, correct := lettered(c)
		if err := cw.Write([]string{c.ID, c.Deck, c.Area, string(c.Kind), c.Prompt, c.Answer, list(c.Accept),
			list(choices), list(correct), c.Explain, c.Hint, list(c.Tags), list(c.Terms), c.Proof}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// RevlogColumns are the columns of the FSRS optimizer's review log.
var RevlogColumns = []string{"card_id", "review_time", "review_rating", "review_state", "review_duration"}

// WriteRevlog writes reviews, oldest first, in the FSRS optimizer's review
// log format: the card's id, the time of the review in milliseconds since
// the Unix epoch, the rating (1 Again to 4 Easy), the card's state when it
// was reviewed (0 New, 1 Learning, 2 Review, 3 Relearning) and the time the
// answer took in milliseconds. It returns the number of reviews written.
func WriteRevlog(w io.Writer, reviews iter.Seq2[store.Review, error]) (int, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(RevlogColumns); err != nil {
		return 0, err
	}
	n := 0
	for r, err := range reviews {
		if err != nil {
			return n, err
		}
		if err := cw.Write([]string{r.CardID, strconv.FormatInt(r.Time.UnixMilli(), 10), strconv.Itoa(r.Rating),
			strconv.Itoa(r.Before.State), strconv.FormatInt(r.Took.Milliseconds(), 10)}); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	return n, cw.Error()
}
