// Package networks proves the cards of knowledge area 6 of LPI objective
// 702.1: connect containers to Docker networks. Its tests are the proofs;
// the package itself is empty.
package networks
