package deck

import (
	"fmt"
	"slices"
	"strings"
)

// CheckAreas returns an error for the first id that is not a knowledge area
// of the blueprint, listing the areas there are; nil when every id is one.
func (b *Blueprint) CheckAreas(ids []string) error {
	for _, id := range ids {
		if _, ok := b.Area(id); !ok {
			return fmt.Errorf("no knowledge area %q; the areas are %s", id, strings.Join(b.AreaIDs(), ", "))
		}
	}
	return nil
}

// CheckDecks returns an error for the first id that is not a deck of the
// set, listing the decks there are; nil when every id is one.
func (s *Set) CheckDecks(ids []string) error {
	for _, id := range ids {
		if _, ok := s.Deck(id); !ok {
			return fmt.Errorf("no deck %q; the decks are %s", id, strings.Join(s.DeckIDs(), ", "))
		}
	}
	return nil
}

// DeckIDs returns the ids of the decks, in the set's order.
func (s *Set) DeckIDs() []string {
	ids := make([]string, 0, len(s.Decks))
	for _, d := range s.Decks {
		ids = append(ids, d.ID)
	}
	return ids
}

// Select returns the cards of the decks and knowledge areas named, in the
// set's order; an empty list selects every deck or area. A name that is no
// deck or area is an error (see CheckDecks and CheckAreas); the deck error
// comes first.
func (s *Set) Select(decks, areas []string) ([]*Card, error) {
	if err := s.CheckDecks(decks); err != nil {
		return nil, err
	}
	if err := s.Blueprint.CheckAreas(areas); err != nil {
		return nil, err
	}
	var out []*Card
	for _, c := range s.cards {
		if (len(decks) == 0 || slices.Contains(decks, c.Deck)) && (len(areas) == 0 || slices.Contains(areas, c.Area)) {
			out = append(out, c)
		}
	}
	return out, nil
}

// CoveredObjectives returns the objectives of the blueprint that the set
// covers: those with a knowledge area that has at least one card.
func (s *Set) CoveredObjectives() map[string]bool {
	covered := map[string]bool{}
	for _, a := range s.Blueprint.Areas {
		if len(s.AreaCards(a.ID)) > 0 {
			covered[a.Objective] = true
		}
	}
	return covered
}
