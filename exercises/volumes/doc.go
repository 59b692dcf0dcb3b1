// Package volumes proves the cards of knowledge area 7 of LPI objective
// 702.1: use Docker volumes for shared and persistent container storage.
// Its tests are the proofs; the package itself is empty.
package volumes
