//go:build unix

package proofs

import (
	"os/exec"
	"syscall"
	"time"
)

// interruptGroup makes cmd the leader of its own process group and, when
// its context ends, interrupts the whole group, as Ctrl-C in a terminal
// would: go test and the test binaries it started stop together. What does
// not stop within a grace period is killed.
func interruptGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
	}
	cmd.WaitDelay = 15 * time.Second
}
