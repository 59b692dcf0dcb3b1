// Package images proves the cards of knowledge area 2 of LPI objective
// 702.1: use existing Docker images from a Docker registry. Its tests are the
// proofs; the package itself is empty.
package images
