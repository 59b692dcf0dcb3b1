package lab

import (
	"flag"
	"os"
	"runtime"
	"strconv"
)

// EnvParallel sets how many proofs of a package run at once (go test's
// -parallel) when the command line does not say.
const EnvParallel = "DOCKDRILL_PARALLEL"

// defaultParallel is how many proofs of a package run at once by default.
// go test's own default is GOMAXPROCS, the number of CPUs, but a proof
// spends nearly all its time waiting for the Docker engine, so on a
// two-core machine two at a time leave the engine idle between steps: the
// dockerfile package took as long as the sum of its proofs halved.
const defaultParallel = 8

// setParallel raises -test.parallel to DOCKDRILL_PARALLEL, or to
// defaultParallel, unless -parallel was given. It parses the test flags,
// which testing.M.Run would do anyway.
func setParallel() {
	if !flag.Parsed() {
		flag.Parse()
	}
	f := flag.Lookup("test.parallel")
	if f == nil {
		return
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if given {
		return
	}
	n := max(defaultParallel, runtime.GOMAXPROCS(0))
	if v, err := strconv.Atoi(os.Getenv(EnvParallel)); err == nil && v > 0 {
		n = v
	}
	f.Value.Set(strconv.Itoa(n))
}
