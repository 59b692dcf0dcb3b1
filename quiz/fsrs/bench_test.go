package fsrs

import (
	"testing"
	"time"
)

var sinkCard Card

// BenchmarkReview measures one FSRS step: a Review card answered Good
// days after its last review, with fuzz on and days counted in a real time
// zone (the costliest common path).
func BenchmarkReview(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		b.Fatal(err)
	}
	p := DefaultParams()
	p.Location = loc
	s, err := NewScheduler(p)
	if err != nil {
		b.Fatal(err)
	}
	last := time.Date(2026, 3, 1, 20, 0, 0, 0, loc)
	c := Card{Stability: 12.5, Difficulty: 5.3, State: Review, LastReview: last, Due: last.AddDate(0, 0, 12), Reps: 6}
	now := last.AddDate(0, 0, 13)
	seed := FuzzSeed("docker-run-rm", c.Reps)
	b.ReportAllocs()
	for b.Loop() {
		sinkCard = s.Review(c, Good, now, seed)
	}
}

// BenchmarkReviewUTCNoFuzz is the same step as in the tests: UTC, no fuzz.
func BenchmarkReviewUTCNoFuzz(b *testing.B) {
	s, err := NewScheduler(testParams())
	if err != nil {
		b.Fatal(err)
	}
	c := Card{Stability: 12.5, Difficulty: 5.3, State: Review, LastReview: t0, Reps: 6}
	now := t0.AddDate(0, 0, 13)
	b.ReportAllocs()
	for b.Loop() {
		sinkCard = s.Review(c, Good, now, 0)
	}
}

// BenchmarkPreview computes all four outcomes of a Review card.
func BenchmarkPreview(b *testing.B) {
	s, err := NewScheduler(testParams())
	if err != nil {
		b.Fatal(err)
	}
	c := Card{Stability: 12.5, Difficulty: 5.3, State: Review, LastReview: t0, Reps: 6}
	now := t0.AddDate(0, 0, 13)
	var sink [4]Card
	b.ReportAllocs()
	for b.Loop() {
		sink = s.Preview(c, now, 0)
	}
	sinkCard = sink[0]
}

func BenchmarkPow(b *testing.B) {
	x := 1.7
	for b.Loop() {
		x = pow(x, -0.1666) + 1
	}
	sinkCard.Stability = x
}

func BenchmarkExpE(b *testing.B) {
	x := 0.3
	for b.Loop() {
		x = expE(x) * 0.1
	}
	sinkCard.Stability = x
}
