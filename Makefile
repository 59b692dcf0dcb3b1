# dockdrill's two everyday commands are `make drill` and `make test`.

# testcontainers must not start its reaper (dockdrill cleans up after
# itself, and the reaper's image cannot be pulled offline). Where it reaches
# published ports the lab decides from the engine's address: 127.0.0.1 for
# a local engine, the engine's own address for one on another machine
# (TESTCONTAINERS_HOST_OVERRIDE, when set, wins).
export TESTCONTAINERS_RYUK_DISABLED ?= true

GO ?= go
BIN := bin/dockdrill

.PHONY: build drill test lab lint bench cost fuzz clean rig-remote

## build: compile dockdrill into bin/dockdrill
build:
	$(GO) build -o $(BIN) ./cmd/dockdrill

## drill: today's spaced-repetition drill
drill: build
	./$(BIN) drill

## test: prepare the lab images, vet, and run every test including the Docker proofs
test: build
	./$(BIN) lab prepare
	$(GO) vet ./...
	$(GO) test -p $(TEST_PACKAGES) ./...

# Test packages at once. Each proof package runs four proofs at once
# (DOCKDRILL_PARALLEL), and on two cores one package alone already keeps
# the engine busy: measured warm, -p 2 with four proofs each took 629 s
# and failed nothing, -p 4 with eight each 660 s with six proofs timed
# out at load 25.
TEST_PACKAGES ?= 2

## lab: make every lab image available (pull, or build offline)
lab: build
	./$(BIN) lab prepare

## rig-remote: run the lab's role contracts against a lab engine (the daemon role) over TCP with TLS
rig-remote:
	$(GO) test ./exercises/lab -run TestRigProofsPassOnALabEngineOverTLS -count=1 -v

## lint: staticcheck at a pinned version (go run fetches it; nothing to install)
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) run $(STATICCHECK) ./...

## bench: run the benchmarks (speed is measured here, never asserted in tests)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./deck/... ./quiz/... ./cmd/... ./exercises/tasks/

## cost: each proof package alone, with its wall and CPU time and what the engine did for it
cost: lab
	scripts/suite-cost

## clean: remove what interrupted proofs left in Docker, and the build output
clean:
	@if [ -x $(BIN) ]; then ./$(BIN) lab clean; fi
	rm -rf bin
