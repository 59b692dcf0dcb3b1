// Package containers proves the cards of knowledge area 5 of LPI objective
// 702.1: operate and access Docker containers. Its tests are the proofs; the
// package itself is empty.
package containers
