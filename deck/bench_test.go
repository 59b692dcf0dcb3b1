package deck

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkLoadBuiltin loads and validates every built-in deck and the
// blueprint, as each command does at start.
func BenchmarkLoadBuiltin(b *testing.B) {
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := Load(LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad250Cards loads a synthetic deck of 250 cards of every kind,
// with text as long as real cards have, beside the blueprint: the size of
// the complete 702.1 decks.
func BenchmarkLoad250Cards(b *testing.B) {
	fsys := fstest.MapFS{
		"blueprint-701-100.toml": {Data: builtinFile(b, "blueprint-701-100.toml")},
		"synthetic.toml":         {Data: syntheticDeck(250)},
	}
	b.SetBytes(int64(len(fsys["synthetic.toml"].Data)))
	defer reportCPU(b)()
	for b.Loop() {
		set, err := Load(LoadOptions{Builtin: fsys})
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Cards()) != 250 {
			b.Fatalf("%d cards", len(set.Cards()))
		}
	}
}

// BenchmarkLoad250CardsIn8Decks loads the same 250 cards split into eight
// deck files, the layout of the built-ins (seven areas and the terms).
func BenchmarkLoad250CardsIn8Decks(b *testing.B) {
	fsys := fstest.MapFS{"blueprint-701-100.toml": {Data: builtinFile(b, "blueprint-701-100.toml")}}
	size := 0
	for i := range 8 {
		data := []byte(strings.ReplaceAll(string(syntheticDeck(32)), "syn-", fmt.Sprintf("syn%d-", i)))
		data = []byte(strings.Replace(string(data), `id = "synthetic"`, fmt.Sprintf(`id = "synthetic%d"`, i), 1))
		fsys[fmt.Sprintf("synthetic%d.toml", i)] = &fstest.MapFile{Data: data}
		size += len(data)
	}
	b.SetBytes(int64(size))
	defer reportCPU(b)()
	for b.Loop() {
		set, err := Load(LoadOptions{Builtin: fsys})
		if err != nil {
			b.Fatal(err)
		}
		if len(set.Cards()) != 256 {
			b.Fatalf("%d cards", len(set.Cards()))
		}
	}
}

// syntheticDeck returns a valid deck of n cards cycling through the kinds.
func syntheticDeck(n int) []byte {
	areas := []string{"arch", "images", "dockerfile", "upload", "containers", "networks", "volumes"}
	explain := strings.Repeat("Docker does this because of that, and the notes were wrong about it. ", 6)
	var b strings.Builder
	b.WriteString("[deck]\nid = \"synthetic\"\ntitle = \"Synthetic\"\ndescription = \"Generated for the benchmark.\"\n")
	for i := range n {
		area := areas[i%len(areas)]
		fmt.Fprintf(&b, "\n[[card]]\nid = \"syn-%d\"\narea = %q\ntags = [\"bench\", \"syn\"]\nterms = [\"docker\"]\n", i, area)
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "kind = \"command\"\nprompt = \"Run container number %d in the background with a name.\"\nanswer = \"docker run -d --name c%d nginx\"\naccept = [\"docker container run -d --name c%d nginx\"]\nproof = \"%s/TestSynthetic%d\"\n", i, i, i, area, i)
		case 1:
			fmt.Fprintf(&b, "kind = \"cloze\"\nprompt = \"\"\"\nFROM debian:bookworm-slim\n____ /app\nCOPY . .\"\"\"\nanswer = \"WORKDIR\"\n")
		case 2:
			fmt.Fprintf(&b, "kind = \"choice\"\nprompt = \"Which one is right about case %d?\"\nchoices = [\n  \"The right answer, stated at some length\",\n  \"A wrong answer, stated at some length\",\n  \"Another wrong answer of similar length\",\n  \"Yet another wrong answer of similar length\",\n]\ncorrect = [\"The right answer, stated at some length\"]\n", i)
		case 3:
			fmt.Fprintf(&b, "kind = \"multi\"\nprompt = \"Which two are right about case %d? (choose two)\"\nchoices = [\"one\", \"two\", \"three\", \"four\", \"five\"]\ncorrect = [\"two\", \"four\"]\n", i)
		case 4:
			fmt.Fprintf(&b, "kind = \"flash\"\nprompt = \"Explain case %d.\"\nanswer = \"\"\"\nA longer free answer\nover two lines.\"\"\"\nhint = \"Think of the daemon.\"\n", i)
		}
		fmt.Fprintf(&b, "explain = \"\"\"\n%s\"\"\"\n", explain)
	}
	return []byte(b.String())
}
