package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "day", "1 day"},
		{2, "day", "2 days"},
		{0, "entry", "0 entries"},
		{3, "manual entry", "3 manual entries"},
		{2, "proof", "2 proofs"},
		{1, "proof", "1 proof"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, plural(tt.n, tt.noun))
	}
}
