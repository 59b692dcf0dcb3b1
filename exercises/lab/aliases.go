package lab

import "github.com/dockdrill/dockdrill/exercises/lab/provision"

// The names proofs use from the lab's shipped part, package provision, so
// that a proof needs only this package.

// Role is a lab image's role; see provision.Role.
type Role = provision.Role

// The roles.
const (
	Shell    = provision.Shell
	Base     = provision.Base
	Redis    = provision.Redis
	Web      = provision.Web
	Registry = provision.Registry
)

// Roles are every role, in the order lab prepare makes them.
var Roles = provision.Roles

// The labels of what a proof creates; see provision.LabelLab.
const (
	LabelLab     = provision.LabelLab
	LabelTest    = provision.LabelTest
	LabelRun     = provision.LabelRun
	LabelPackage = provision.LabelPackage
	LabelRole    = provision.LabelRole
	LabelRecipe  = provision.LabelRecipe
)

// ProofRepository is the repository of the images proofs build; see
// provision.ProofRepository.
const ProofRepository = provision.ProofRepository

// EnvRequireDocker and EnvOffline; see package provision.
const (
	EnvRequireDocker = provision.EnvRequireDocker
	EnvOffline       = provision.EnvOffline
)
