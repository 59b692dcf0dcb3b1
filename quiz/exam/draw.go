package exam

import (
	mrand "math/rand/v2"
	"slices"

	"github.com/dockdrill/dockdrill/deck"
)

// Draw draws a form of n questions from the cards of set, the same for the
// same seed: its knowledge areas are those of the objectives the decks
// cover, narrowed to areas when it is not empty (names that are no area
// are the caller's to refuse, see deck.Blueprint.CheckAreas), in the
// blueprint's order. It returns the form and the areas it was drawn from.
func Draw(set *deck.Set, areas []string, n int, mix Mix, seed uint64) ([]Question, []deck.Area, error) {
	covered := set.CoveredObjectives()
	var from []deck.Area
	for _, a := range set.Blueprint.Areas {
		if covered[a.Objective] && (len(areas) == 0 || slices.Contains(areas, a.ID)) {
			from = append(from, a)
		}
	}
	rng := mrand.New(mrand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	form, err := Assemble(from, set.AreaCards, n, mix, rng)
	if err != nil {
		return nil, nil, err
	}
	return form, from, nil
}
