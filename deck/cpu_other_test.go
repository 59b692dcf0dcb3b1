//go:build !unix

package deck

import "testing"

// reportCPU reports nothing where the process's CPU time is not known.
func reportCPU(b *testing.B) func() { return func() {} }
