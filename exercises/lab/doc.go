// Package lab is the rig every hands-on proof of dockdrill stands on: the
// lab images, the labels and names of what a proof creates, and the cleanup
// that removes it again.
//
// A proof asks for an image by role (shell, redis, web, registry, base).
// Each role is a contract that both the upstream image and dockdrill's
// offline build satisfy. The upstream image is used when it is present or can
// be pulled; on a machine without an image registry the role is built
// offline from a Debian root filesystem that mmdebstrap makes from the host's
// own apt configuration.
//
// Everything a proof creates carries the label dockdrill.lab=true, so
// "dockdrill lab clean" can remove what an interrupted run left behind.
package lab
