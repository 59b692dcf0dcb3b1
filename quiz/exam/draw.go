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
// blueprint's order. When decks is not empty only the cards of those decks
// are drawn (names the caller has checked, see deck.Set.CheckDecks), and
// an area none of their cards is in is left out. It returns the form and
// the areas it was drawn from.
func Draw(set *deck.Set, areas, decks []string, n int, mix Mix, seed uint64) ([]Question, []deck.Area, error) {
	cards := set.AreaCards
	if len(decks) > 0 {
		cards = func(area string) []*deck.Card {
			return slices.DeleteFunc(slices.Clone(set.AreaCards(area)), func(c *deck.Card) bool { return !slices.Contains(decks, c.Deck) })
		}
	}
	covered := set.CoveredObjectives()
	var from []deck.Area
	for _, a := range set.Blueprint.Areas {
		if covered[a.Objective] && (len(areas) == 0 || slices.Contains(areas, a.ID)) && len(cards(a.ID)) > 0 {
			from = append(from, a)
		}
	}
	rng := mrand.New(mrand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	form, err := Assemble(from, cards, n, mix, rng)
	if err != nil {
		return nil, nil, err
	}
	return form, from, nil
}
