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
	Daemon   = provision.Daemon
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

// EnvSource names an engine that lends its lab images; see
// provision.EnvSource.
const EnvSource = provision.EnvSource

// EngineHost returns the address of the engine the proofs run on; see
// provision.EngineHost.
func EngineHost() string { return provision.EngineHost() }

// PublishHost returns the address proofs publish ports on and reach them
// at; see provision.PublishHost.
func PublishHost() string { return provision.PublishHost() }
