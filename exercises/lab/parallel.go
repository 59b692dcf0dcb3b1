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
// A proof spends most of its time waiting for the Docker engine, so a few
// at a time keep the engine busy; more only queue on it, and a proof that
// waits in a queue times out (on two cores, eight at a time in each of
// four packages drove the load to 25 and six proofs past their deadlines).
const defaultParallel = 4

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
