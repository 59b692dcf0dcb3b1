package grade

import "fmt"

// ParseMode reads a mode as a deck or the command line names it: docker,
// dockerfile, exact, term, path (the deck's name for exact) or empty, which
// lets Grade choose by the answer.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeDocker, ModeDockerfile, ModeExact, ModeTerm, "path", "":
		return m, nil
	}
	return "", fmt.Errorf("unknown mode %q: want docker, dockerfile, exact or term", s)
}
