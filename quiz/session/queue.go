package session

import (
	"cmp"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// plan is the queue of a session at its start.
type plan struct {
	learning []*deck.Card // cards in (re)learning steps, by due time
	queue    []*deck.Card // due review cards, then new cards, interleaved by area
	due, new int          // how many of queue are due reviews and new cards
	pace     Pace         // exam mode's new-card pace
}

// buildPlan selects and orders the cards of a session:
//
//   - cards in learning or relearning steps are kept apart, earliest due
//     first, to be shown when their step is due (see Session.Next);
//   - review cards due at now come first, lowest retrievability first;
//   - then new cards, up to the day's allowance, taken round-robin across
//     the areas in deck order;
//   - due cards, then new cards, are interleaved so that two cards of one
//     area do not follow each other when that can be avoided;
//   - with a limit, learning cards count first, then the queue is cut.
func buildPlan(cfg *Config, now time.Time) plan {
	if len(cfg.Only) > 0 {
		return onlyPlan(cfg)
	}
	var p plan
	var due, fresh []*deck.Card
	pos := make(map[string]int, len(cfg.Cards))
	for i, c := range cfg.Cards {
		pos[c.ID] = i
		if !cfg.selected(c) {
			continue
		}
		st, seen := cfg.States[c.ID]
		switch {
		case !seen || st.State == store.StateNew:
			fresh = append(fresh, c)
		case st.State == store.StateLearning || st.State == store.StateRelearning:
			p.learning = append(p.learning, c)
		case !st.Due.After(now):
			due = append(due, c)
		}
	}
	slices.SortStableFunc(p.learning, func(a, b *deck.Card) int {
		return cfg.States[a.ID].Due.Compare(cfg.States[b.ID].Due)
	})

	// Due cards: lowest retrievability first, deck order among equals;
	// inside the exam buffer, lowest retrievability on the exam day.
	at := now
	if cfg.inBuffer(now) {
		at = cfg.Exam.FSRS(cfg.Calendar).Day
	}
	r := make(map[string]float64, len(due))
	for _, c := range due {
		r[c.ID] = cfg.Scheduler.Retrievability(schedule.Card(cfg.States[c.ID]), at)
	}
	byR := func(a, b *deck.Card) int {
		return cmp.Or(cmp.Compare(r[a.ID], r[b.ID]), cmp.Compare(pos[a.ID], pos[b.ID]))
	}
	areas := cfg.areaOrder()
	queue, last := interleave(due, areas, "", byR)

	perDay := cfg.NewPerDay
	p.pace = cfg.examPace(now)
	if p.pace.Active && !cfg.Exam.KeepNewPerDay {
		perDay = p.pace.PerDay
	}
	allow := max(0, perDay-cfg.IntroducedToday)
	fresh = roundRobin(fresh, areas, allow)
	rank := make(map[string]int, len(fresh))
	for i, c := range fresh {
		rank[c.ID] = i
	}
	news, _ := interleave(fresh, areas, last, func(a, b *deck.Card) int { return cmp.Compare(rank[a.ID], rank[b.ID]) })
	queue = append(queue, news...)
	p.due, p.new = len(due), len(news)

	if cfg.Limit > 0 {
		if len(p.learning) > cfg.Limit {
			p.learning = p.learning[:cfg.Limit]
		}
		if room := cfg.Limit - len(p.learning); len(queue) > room {
			queue = queue[:room]
			p.due = min(p.due, room)
			p.new = room - p.due
		}
	}
	p.queue = queue
	return p
}

// onlyPlan asks the cards of Options.Only in their order, those the decks
// hold and the filters keep.
func onlyPlan(cfg *Config) plan {
	var p plan
	byID := make(map[string]*deck.Card, len(cfg.Cards))
	for _, c := range cfg.Cards {
		byID[c.ID] = c
	}
	for _, id := range cfg.Only {
		c, ok := byID[id]
		if !ok || !cfg.selected(c) || slices.Contains(p.queue, c) {
			continue
		}
		p.queue = append(p.queue, c)
		if st, seen := cfg.States[id]; !seen || st.State == store.StateNew {
			p.new++
		} else {
			p.due++
		}
	}
	if cfg.Limit > 0 && len(p.queue) > cfg.Limit {
		p.queue = p.queue[:cfg.Limit]
	}
	return p
}

// roundRobin takes up to n cards, one from each area in turn, in the order
// of areas and, within an area, in the order of cards.
func roundRobin(cards []*deck.Card, areas []string, n int) []*deck.Card {
	if n <= 0 {
		return nil
	}
	byArea := make(map[string][]*deck.Card)
	for _, c := range cards {
		byArea[c.Area] = append(byArea[c.Area], c)
	}
	var out []*deck.Card
	for len(out) < n {
		took := false
		for _, a := range areas {
			if q := byArea[a]; len(q) > 0 && len(out) < n {
				out = append(out, q[0])
				byArea[a] = q[1:]
				took = true
			}
		}
		if !took {
			break
		}
	}
	return out
}

// interleave orders cards so that no two cards of one area are adjacent
// when that can be avoided, starting after a card of area last. Within an
// area cards keep the order of less; at each step the area whose next card
// comes first by less is taken, unless an area holds so many of the
// remaining cards that it must be taken now for the rest to stay apart (more
// than half of them). It returns the order and the area of its last card.
func interleave(cards []*deck.Card, areas []string, last string, less func(a, b *deck.Card) int) ([]*deck.Card, string) {
	groups := make(map[string][]*deck.Card)
	for _, c := range cards {
		groups[c.Area] = append(groups[c.Area], c)
	}
	for _, g := range groups {
		slices.SortStableFunc(g, less)
	}
	out := make([]*deck.Card, 0, len(cards))
	for left := len(cards); left > 0; left-- {
		var best, biggest string
		for _, a := range areas {
			g := groups[a]
			if len(g) == 0 || a == last {
				continue
			}
			if best == "" || less(g[0], groups[best][0]) < 0 {
				best = a
			}
			if biggest == "" || len(g) > len(groups[biggest]) {
				biggest = a
			}
		}
		switch {
		case best == "":
			best = last // only the last card's area is left
		case 2*len(groups[biggest]) > left:
			best = biggest
		}
		out = append(out, groups[best][0])
		groups[best] = groups[best][1:]
		last = best
	}
	return out, last
}

// areaOrder is the order areas are taken in: Config.Areas, then any other
// area of the cards in deck order.
func (cfg *Config) areaOrder() []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range cfg.AreaOrder {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, c := range cfg.Cards {
		if !seen[c.Area] {
			seen[c.Area] = true
			out = append(out, c.Area)
		}
	}
	return out
}

// selected reports whether the card passes the --area and --deck filters.
func (cfg *Config) selected(c *deck.Card) bool {
	return (len(cfg.Areas) == 0 || slices.Contains(cfg.Areas, c.Area)) &&
		(len(cfg.Decks) == 0 || slices.Contains(cfg.Decks, c.Deck))
}
