// Package dockerfile proves the cards of knowledge area 3 of LPI objective
// 702.1: create Dockerfiles and build images from them. Its tests are the
// proofs; the package itself is empty.
package dockerfile
