// Package upload proves the cards of knowledge area 4 of LPI objective
// 702.1: upload images to a Docker registry. Its tests are the proofs; the
// package itself is empty.
package upload
