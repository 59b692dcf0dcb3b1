// Package provision is the part of dockdrill's lab that the dockdrill
// binary ships: the roles of the lab images and their contracts, making the
// images available (dockdrill lab prepare: used as present, else pulled,
// else built offline from the embedded recipes on a Debian root filesystem
// that mmdebstrap makes from the host's own apt configuration), their
// status (lab status), the labels of everything the lab creates, and the
// removal of what proofs leave behind (lab clean).
//
// The proof harness (Begin, Run, Start, fixtures, leak checks) is package
// exercises/lab, which builds on this one and which only tests import: it
// pulls in testing, testify and testcontainers, this package does not.
package provision

// EnvRequireDocker, set to 1, turns a missing Docker engine from a skipped
// proof into a failed one. CI and dockdrill prove set it.
const EnvRequireDocker = "DOCKDRILL_REQUIRE_DOCKER"

// EnvOffline, set to 1, makes the lab build missing images offline without
// trying to pull them.
const EnvOffline = "DOCKDRILL_LAB_OFFLINE"
