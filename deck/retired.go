package deck

import (
	_ "embed"
	"fmt"
)

// RetiredFile is how the list of retired card ids is named in messages: its
// place in dockdrill's source tree.
const RetiredFile = "deck/retired.toml"

//go:embed retired.toml
var retiredTOML []byte

// Retirement records a card id that is no longer in use: its card was
// merged into another card (the survivor keeps its own id). The review
// history of a retired id stays in the store, but no card has that id any
// more, so it is never drilled, never asked in an exam and counted in no
// statistic; and no new card may take the id, or that history would be
// attached to a different question.
type Retirement struct {
	ID         string // the retired card id
	MergedInto string // the id of the card that now asks its fact
	Line       int    // the line of its [[retired]] table
}

// parseRetired reads a list of retired ids: [[retired]] tables, each with
// id and merged_into. Problems go to errs, named after file.
func parseRetired(file string, data []byte, errs *Errors) map[string]Retirement {
	out := map[string]Retirement{}
	m, pos, ok := decodeTOML(file, data, errs)
	if !ok {
		return out
	}
	root := &table{m: m, file: file, pos: pos, errs: errs}
	root.unknown([]string{"retired"})
	entries, _ := root.tables("retired")
	for _, t := range entries {
		t.unknown([]string{"id", "merged_into"})
		r := Retirement{Line: t.line("")}
		var idOK, intoOK bool
		if r.ID, idOK = t.required("id"); idOK {
			idOK = checkID(t, r.ID)
		}
		if r.MergedInto, intoOK = t.required("merged_into"); intoOK {
			intoOK = checkID(t, r.MergedInto)
		}
		if !idOK || !intoOK {
			continue
		}
		if r.ID == r.MergedInto {
			t.errorf("merged_into", "%q is the retired id itself; name the card that asks its fact now", r.MergedInto)
			continue
		}
		if prev, dup := out[r.ID]; dup {
			t.errorf("id", "%q is already retired at line %d", r.ID, prev.Line)
			continue
		}
		out[r.ID] = r
	}
	for _, r := range out {
		if next, chained := out[r.MergedInto]; chained {
			errs.add(file, r.Line, fmt.Sprintf("retired %q", r.ID), "merged_into",
				"%q is retired too (merged into %q); name the surviving card", r.MergedInto, next.MergedInto)
		}
	}
	return out
}

// Retired returns the retired card ids of the built-in decks, by id. It
// panics if the embedded list is broken, which the deck tests rule out.
func Retired() map[string]Retirement {
	errs := &Errors{}
	r := parseRetired(RetiredFile, retiredTOML, errs)
	if err := errs.err(); err != nil {
		panic(err)
	}
	return r
}
