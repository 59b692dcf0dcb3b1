package deck

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes to the loader, once as a deck and once as
// the blueprint: every input gives a deck or errors, never a panic, and
// every error names a file, and a line within it when it is the fuzzed one.
func FuzzLoad(f *testing.F) {
	entries, err := fs.ReadDir(Builtin(), ".")
	if err != nil {
		f.Fatal(err)
	}
	// Seeded from the real decks: the blueprint and the terms deck whole,
	// and every card of every deck as a deck of its own, small inputs the
	// fuzzer can run and mutate quickly.
	for _, e := range entries {
		data, err := fs.ReadFile(Builtin(), e.Name())
		if err != nil {
			f.Fatal(err)
		}
		if e.Name() == "blueprint-701-100.toml" || e.Name() == "terms.toml" {
			f.Add(data)
			continue
		}
		head, cards, _ := strings.Cut(string(data), "\n[[card]]\n")
		for _, card := range strings.Split(cards, "\n[[card]]\n") {
			f.Add([]byte(head + "\n[[card]]\n" + card))
		}
	}
	f.Add([]byte(header + "[[card]]\nid = \"x\"\n"))
	f.Add([]byte("[[card]]\n[card.x]\n[[card.y]]\n\"a\".'b' = \"\"\"\n\\\n\"\"\"\n"))
	blueprint := builtinFile(f, "blueprint-701-100.toml")
	terms := builtinFile(f, "terms.toml")

	f.Fuzz(func(t *testing.T, data []byte) {
		lines := strings.Count(string(data), "\n") + 1

		set, err := Load(LoadOptions{Builtin: fstest.MapFS{
			"blueprint-701-100.toml": {Data: blueprint},
			"fuzz.toml":              {Data: data},
		}})
		check(t, set, err, "deck/decks/fuzz.toml", lines)
		if err == nil {
			if _, ok := set.Deck("fuzz"); !ok && len(set.Decks) == 0 {
				t.Fatal("no error and no deck")
			}
		}

		set, err = Load(LoadOptions{Builtin: fstest.MapFS{
			"blueprint-701-100.toml": {Data: data},
			"terms.toml":             {Data: terms},
		}})
		check(t, set, err, "deck/decks/blueprint-701-100.toml", lines)
	})
}

func check(t *testing.T, set *Set, err error, file string, lines int) {
	t.Helper()
	if err == nil {
		if set == nil || set.Blueprint == nil {
			t.Fatal("no error and no set")
		}
		return
	}
	errs, ok := err.(*Errors)
	if !ok || errs.Len() == 0 {
		t.Fatalf("error is not a non-empty *Errors: %v", err)
	}
	for _, e := range errs.List {
		if e.File != file && e.File != "" && !strings.HasPrefix(e.File, BuiltinDir) {
			t.Errorf("error names file %q: %v", e.File, e)
		}
		if e.Line < 0 || e.File == file && e.Line > lines {
			t.Errorf("error line %d outside the file's %d lines: %v", e.Line, lines, e)
		}
		_ = e.Error()
	}
}
