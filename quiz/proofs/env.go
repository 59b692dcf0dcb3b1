package proofs

import "github.com/dockdrill/dockdrill/exercises/lab/provision"

// Env is what the proofs' environment adds to the caller's, whose variables
// getenv reads: a proof that cannot reach Docker fails instead of skipping,
// and testcontainers runs without its reaper unless the caller says
// otherwise. Where published ports are reached the lab decides from the
// engine's address (127.0.0.1 for a local engine).
func Env(getenv func(string) string) []string {
	env := []string{provision.EnvRequireDocker + "=1"}
	for _, kv := range [][2]string{
		{"TESTCONTAINERS_RYUK_DISABLED", "true"},
	} {
		if getenv(kv[0]) == "" {
			env = append(env, kv[0]+"="+kv[1])
		}
	}
	return env
}
