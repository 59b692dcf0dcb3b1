package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// ankiFile is a text file as Anki's importer reads it.
type ankiFile struct {
	headers map[string]string
	order   []string // header keys in file order
	rows    [][]string
}

// ankiDelimiters are the separators Anki's File Headers allow, by name.
var ankiDelimiters = map[string]rune{"comma": ',', "semicolon": ';', "tab": '\t', "space": ' ', "pipe": '|', "colon": ':'}

// parseAnki reads a text file following the rules of Anki's manual
// ("Importing text files": File Headers, and escaping of separators, line
// breaks and quotes) and of its importer: header lines #key:value at the
// top of the file (keys case-insensitive and trimmed); then records whose
// fields are separated by the header's separator, a field in double quotes
// holding separators and line breaks, "" standing for one quote; a line
// starting with # between records is a comment. Unlike Anki it rejects
// what Anki would silently ignore: an unknown header key, a bad value,
// and a header line anywhere but at the top.
func parseAnki(data string) (*ankiFile, error) {
	f := &ankiFile{headers: map[string]string{}}
	lines := strings.SplitAfter(data, "\n")
	i := 0
	for ; i < len(lines) && strings.HasPrefix(lines[i], "#"); i++ {
		l := strings.TrimSuffix(strings.TrimSuffix(lines[i], "\n"), "\r")
		key, value, ok := strings.Cut(l[1:], ":")
		if !ok {
			continue // a comment
		}
		key = strings.ToLower(strings.TrimSpace(key))
		switch key {
		case "separator":
			if _, ok := ankiDelimiters[strings.ToLower(strings.TrimSpace(value))]; !ok && len(value) != 1 {
				return nil, fmt.Errorf("line %d: separator %q is not one Anki knows", i+1, value)
			}
		case "html":
			if _, err := strconv.ParseBool(strings.ToLower(value)); err != nil {
				return nil, fmt.Errorf("line %d: html %q is not true or false", i+1, value)
			}
		case "notetype column", "deck column", "tags column", "guid column":
			if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 1 {
				return nil, fmt.Errorf("line %d: %s %q is not a column number from 1", i+1, key, value)
			}
		case "tags", "columns", "notetype", "deck":
		default:
			return nil, fmt.Errorf("line %d: %q is not a header Anki knows", i+1, key)
		}
		if _, dup := f.headers[key]; dup {
			return nil, fmt.Errorf("line %d: header %q given twice", i+1, key)
		}
		f.headers[key] = value
		f.order = append(f.order, key)
	}
	sep := ','
	if v, ok := f.headers["separator"]; ok {
		if d, ok := ankiDelimiters[strings.ToLower(strings.TrimSpace(v))]; ok {
			sep = d
		} else {
			sep = []rune(v)[0]
		}
	}
	body := strings.Join(lines[i:], "")
	var field strings.Builder
	var rec []string
	quoted, inQuotes, atStart := false, false, true
	endField := func() {
		rec = append(rec, field.String())
		field.Reset()
		quoted = false
	}
	rs := []rune(body)
	for j := 0; j < len(rs); j++ {
		r := rs[j]
		switch {
		case inQuotes && r == '"' && j+1 < len(rs) && rs[j+1] == '"':
			field.WriteRune('"')
			j++
		case inQuotes && r == '"':
			inQuotes = false
		case inQuotes:
			field.WriteRune(r)
		case atStart && r == '#':
			for j < len(rs) && rs[j] != '\n' {
				j++
			}
		case r == '"' && field.Len() == 0 && !quoted:
			inQuotes, quoted, atStart = true, true, false
		case r == '"':
			return nil, fmt.Errorf("record %d: a quote inside an unquoted field", len(f.rows)+1)
		case r == sep:
			endField()
			atStart = false
		case r == '\r' && j+1 < len(rs) && rs[j+1] == '\n':
		case r == '\n':
			endField()
			f.rows = append(f.rows, rec)
			rec, atStart = nil, true
		default:
			if quoted {
				return nil, fmt.Errorf("record %d: text after a closing quote", len(f.rows)+1)
			}
			field.WriteRune(r)
			atStart = false
		}
	}
	if inQuotes {
		return nil, errors.New("a quoted field is not closed")
	}
	if field.Len() > 0 || len(rec) > 0 {
		endField()
		f.rows = append(f.rows, rec)
	}
	return f, nil
}

func column(t *testing.T, f *ankiFile, key string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.TrimSpace(f.headers[key]))
	require.NoError(t, err, key)
	return n
}

// tricky are cards whose text holds everything a separated file must escape.
func tricky() []*deck.Card {
	return []*deck.Card{
		{ID: "df-expose-records-only", Deck: "dockerfile", Area: "dockerfile", Kind: deck.KindCloze,
			Prompt: "Record the port:\n\nFROM nginx:alpine\n____ 8080", Answer: "EXPOSE",
			Explain: "EXPOSE only documents the port; -p publishes it.", Tags: []string{"ports"}, Terms: []string{"dockerfile"}},
		{ID: "vol-quotes-and-tabs", Deck: "volumes", Area: "volumes", Kind: deck.KindCommand,
			Prompt: "Mount \"data\" read-only\tat /data", Answer: `docker run -v data:/data:ro busybox`,
			Accept:  []string{"docker run --mount source=data,target=/data,readonly busybox"},
			Explain: "#1 rule: say \"ro\".\r\nCRLF too.", Proof: "volumes/TestBindMountReadOnly"},
		{ID: "net-user-bridge-dns", Deck: "networks", Area: "networks", Kind: deck.KindMulti,
			Prompt:  "Which two names resolve? (choose two)",
			Choices: []string{"its container name", "a --network-alias it was given", "its image name", "the <network> & more"},
			Correct: []string{"its container name", "a --network-alias it was given"}, Explain: "Embedded DNS."},
		{ID: "img-leading-hash", Deck: "images", Area: "images", Kind: deck.KindChoice, Prompt: "# is a comment in a Dockerfile?",
			Choices: []string{"yes", "no", "only at the start", "never"}, Correct: []string{"only at the start"}, Explain: "  spaces kept  "},
	}
}

func TestAnkiFileParsesUnderAnkisHeaderRules(t *testing.T) {
	for _, html := range []bool{false, true} {
		t.Run(fmt.Sprintf("html=%t", html), func(t *testing.T) {
			var buf bytes.Buffer
			cards := tricky()
			require.NoError(t, WriteAnki(&buf, cards, AnkiOptions{HTML: html}))
			f, err := parseAnki(buf.String())
			require.NoError(t, err, buf.String())

			assert.Equal(t, []string{"separator", "html", "notetype", "columns", "guid column", "deck column", "tags column"}, f.order,
				"separator first: #columns is split by it")
			assert.Equal(t, "tab", f.headers["separator"])
			assert.Equal(t, strconv.FormatBool(html), f.headers["html"])
			assert.Equal(t, "Basic", f.headers["notetype"])
			columns := strings.Split(f.headers["columns"], "\t")
			assert.Equal(t, AnkiColumns, columns)
			guid, deckCol, tagsCol := column(t, f, "guid column"), column(t, f, "deck column"), column(t, f, "tags column")
			assert.Equal(t, 1, guid)
			assert.Equal(t, "guid", columns[guid-1])
			assert.Equal(t, "deck", columns[deckCol-1])
			assert.Equal(t, "tags", columns[tagsCol-1])

			require.Len(t, f.rows, len(cards))
			for i, row := range f.rows {
				c := cards[i]
				require.Len(t, row, len(columns), "row %d has the columns the headers promise", i+1)
				assert.Equal(t, c.ID, row[guid-1])
				assert.Equal(t, "dockdrill::"+c.Deck, row[deckCol-1])
				assert.Equal(t, Tags(c), strings.Fields(row[tagsCol-1]))
				front, back := row[slices.Index(columns, "Front")], row[slices.Index(columns, "Back")]
				if html {
					assert.NotContains(t, front+back, "\n", "line breaks are <br> in HTML")
					unescape := strings.NewReplacer("<br>", "\n", "&lt;", "<", "&gt;", ">", "&amp;", "&")
					front, back = unescape.Replace(front), unescape.Replace(back)
					assert.Equal(t, strings.ReplaceAll(Front(c), "\r\n", "\n"), front)
					assert.Equal(t, strings.ReplaceAll(Back(c), "\r\n", "\n"), back)
				} else {
					assert.Equal(t, Front(c), front, "tabs, line breaks and quotes survive")
					assert.Equal(t, Back(c), back)
				}
			}
		})
	}
}

func TestAnkiFieldsQuoteWhatAnkiRequires(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteAnki(&buf, tricky()[1:2], AnkiOptions{}))
	rec := strings.SplitN(buf.String(), "\n", 8)[7]
	assert.True(t, strings.HasPrefix(rec, "vol-quotes-and-tabs\tdockdrill::volumes\t\"Mount \"\"data\"\" read-only\tat /data\"\t\"docker run"), rec)
}

// collection is the part of an Anki collection an import touches: notes by
// GUID, each with its deck and fields.
type collection map[string][]string

// importInto imports a parsed file the way Anki does with a GUID column: a
// note whose GUID exists is updated in place, any other is added.
func (c collection) importInto(t *testing.T, f *ankiFile) (added, updated int) {
	guid := column(t, f, "guid column")
	for _, row := range f.rows {
		if _, ok := c[row[guid-1]]; ok {
			updated++
		} else {
			added++
		}
		c[row[guid-1]] = row
	}
	return added, updated
}

func TestReimportingAnExportUpdatesTheSameNotes(t *testing.T) {
	coll := collection{}
	export := func(cards []*deck.Card) *ankiFile {
		var buf bytes.Buffer
		require.NoError(t, WriteAnki(&buf, cards, AnkiOptions{}))
		f, err := parseAnki(buf.String())
		require.NoError(t, err)
		return f
	}
	cards := tricky()
	added, updated := coll.importInto(t, export(cards))
	assert.Equal(t, 4, added)
	assert.Zero(t, updated)

	// The deck is edited: a prompt fixed, a card added.
	cards[0].Prompt = "Record that the server listens on 8080:\n\nFROM nginx:alpine\n____ 8080"
	cards = append(cards, &deck.Card{ID: "arch-new", Deck: "arch", Area: "arch", Kind: deck.KindFlash, Prompt: "p", Answer: "a", Explain: "e"})
	added, updated = coll.importInto(t, export(cards))
	assert.Equal(t, 1, added)
	assert.Equal(t, 4, updated)
	assert.Len(t, coll, 5)
	var ids []string
	for id := range coll {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	assert.Equal(t, []string{"arch-new", "df-expose-records-only", "img-leading-hash", "net-user-bridge-dns", "vol-quotes-and-tabs"}, ids,
		"the notes keep the cards' ids")
	assert.Contains(t, coll["df-expose-records-only"][2], "listens on 8080")
}

func TestParseAnkiRejectsWhatAnkiWouldMisread(t *testing.T) {
	for _, bad := range []string{
		"#separator:semicolonish\na;b\n",
		"#html:maybe\na\n",
		"#guid column:zero\na\n",
		"#frobnicate:1\na\n",
		"#separator:tab\n\"unclosed\tb\n",
		"#separator:tab\nab\"c\td\n",
	} {
		_, err := parseAnki(bad)
		assert.Error(t, err, "%q", bad)
	}
	f, err := parseAnki("#separator:Pipe\n#a comment\nx|\"y\n|z\"\n# between records\nu|v\n")
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"x", "y\n|z"}, {"u", "v"}}, f.rows)
}

func TestFrontAndBack(t *testing.T) {
	c := tricky()[2]
	// The order is fixed by the id for good: a changed generator would
	// reshuffle every note a learner imported.
	assert.Equal(t, "Which two names resolve? (choose two)\n\nA. a --network-alias it was given\nB. its container name\nC. its image name\nD. the <network> & more", Front(c))
	assert.Equal(t, "A. a --network-alias it was given\nB. its container name\n\nEmbedded DNS.", Back(c))
	c = tricky()[1]
	assert.Equal(t, "docker run -v data:/data:ro busybox\n(also accepted: docker run --mount source=data,target=/data,readonly busybox)\n\n#1 rule: say \"ro\".\r\nCRLF too.\n\nProof: volumes/TestBindMountReadOnly", Back(c))
}

func TestCSVRoundTrips(t *testing.T) {
	var buf bytes.Buffer
	cards := tricky()
	require.NoError(t, WriteCSV(&buf, cards))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(cards)+1)
	assert.Equal(t, CSVColumns, rows[0])
	for i, c := range cards {
		r := rows[i+1]
		assert.Equal(t, c.ID, r[0])
		assert.Equal(t, strings.ReplaceAll(c.Prompt, "\r\n", "\n"), r[4])
		var choices, correct []string
		for i, o := range Options(c) {
			choices = append(choices, fmt.Sprintf("%c. %s", 'A'+i, o))
			if slices.Contains(c.Correct, o) {
				correct = append(correct, choices[i])
			}
		}
		assert.Equal(t, strings.Join(choices, "\n"), r[7], "the options, lettered in the export's order")
		assert.Equal(t, strings.Join(correct, "\n"), r[8], "the right ones, with their letters")
		assert.Equal(t, c.Proof, r[13])
	}
}

func TestRevlogHasTheOptimizersColumns(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	reviews := []store.Review{
		{CardID: "vol-a", Time: t0, Rating: 3, Took: 4200 * time.Millisecond, Before: store.CardState{State: store.StateNew}},
		{CardID: "vol-a", Time: t0.Add(10 * time.Minute), Rating: 1, Took: 900 * time.Millisecond, Before: store.CardState{State: store.StateLearning}},
		{CardID: "net,b", Time: t0.Add(48 * time.Hour), Rating: 4, Took: 0, Before: store.CardState{State: store.StateReview}},
	}
	var seq iter.Seq2[store.Review, error] = func(yield func(store.Review, error) bool) {
		for _, r := range reviews {
			if !yield(r, nil) {
				return
			}
		}
	}
	var buf bytes.Buffer
	n, err := WriteRevlog(&buf, seq)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, "card_id,review_time,review_rating,review_state,review_duration\n"+
		"vol-a,1793523600000,3,0,4200\n"+
		"vol-a,1793524200000,1,1,900\n"+
		"\"net,b\",1793696400000,4,2,0\n", buf.String())

	failing := func(yield func(store.Review, error) bool) { yield(store.Review{}, errors.New("disk on fire")) }
	_, err = WriteRevlog(&bytes.Buffer{}, failing)
	assert.EqualError(t, err, "disk on fire")
}
