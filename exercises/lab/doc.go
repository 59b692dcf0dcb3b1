// Package lab is the harness every hands-on proof of dockdrill stands on:
// Begin starts a proof on the Docker engine (skipping it without one, or
// failing it under DOCKDRILL_REQUIRE_DOCKER=1) and registers the cleanup of
// everything it creates; the Lab it returns runs containers, networks,
// volumes, builds and docker CLI commands labelled with the test, and Main
// checks after a package's proofs that they left nothing behind.
//
// A proof asks for an image by role (shell, redis, web, registry, base).
// Each role is a contract that both the upstream image and dockdrill's
// offline build satisfy; making the images available, and everything else
// the dockdrill binary ships of the lab, is package lab/provision. This
// package imports testing, testify and testcontainers, so only tests import
// it.
//
// Everything a proof creates carries the label dockdrill.lab=true, so
// "dockdrill lab clean" can remove what an interrupted run left behind.
package lab
