package store_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/dockdrill/dockdrill/quiz/store"
)

// A drill opens the store, loads the card states, and records each answer
// before it shows the next card; "u" undoes the last one.
func Example() {
	dir, _ := os.MkdirTemp("", "dockdrill-example-")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	path, _ := store.Path("", func(k string) string {
		return map[string]string{"XDG_DATA_HOME": dir}[k]
	})
	s, err := store.Open(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	states, _ := s.CardStates(ctx)
	before := states["volumes-01"] // the zero state: a new card
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	_, err = s.RecordReview(ctx, store.Review{
		SessionID: "2026-03-02T09:00", CardID: "volumes-01", Time: now,
		Rating: store.Good, Typed: "docker volume create data", Verdict: store.VerdictRight,
		Took: 6 * time.Second, Before: before,
		After: store.CardState{Stability: 2.3, Difficulty: 2.1, State: store.StateLearning, Step: 1,
			Due: now.Add(10 * time.Minute), LastReview: now, Reps: 1},
		CardHash: "sha256:…",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	n, _ := s.CountDue(ctx, now.Add(time.Hour))
	fmt.Println("due within the hour:", n)

	undone, _ := s.UndoLast(ctx, "2026-03-02T09:00")
	states, _ = s.CardStates(ctx)
	_, known := states["volumes-01"]
	fmt.Println("undid", undone.CardID, "- still known:", known)
	// Output:
	// due within the hour: 1
	// undid volumes-01 - still known: false
}
