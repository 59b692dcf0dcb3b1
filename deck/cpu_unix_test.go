//go:build unix

package deck

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU reports the process's CPU time (user and system) per operation
// beside the wall time: on a shared machine the wall time also counts the
// time other processes held the cores, the CPU time does not.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
