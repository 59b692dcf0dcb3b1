package main

import (
	"github.com/spf13/cobra"
)

// noArgs rejects positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	return usageArgs(cobra.NoArgs)(cmd, args)
}

// usageArgs wraps a cobra argument validator so that its complaint ends the
// program with the usage exit status.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}
