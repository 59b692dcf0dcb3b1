// Package arch proves the cards of knowledge area 1 of LPI objective 702.1:
// understand the Docker architecture. Its tests are the proofs; the package
// itself is empty.
package arch
