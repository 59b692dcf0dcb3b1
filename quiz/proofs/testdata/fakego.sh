#!/bin/sh
# A stand-in for the go command: it prints what `go test -json` would for a
# run in which one proof passes, one fails with a testify assertion and one
# package does not build. It echoes its arguments to stderr.
echo "args: $*" >&2
M=github.com/dockdrill/dockdrill/exercises
cat <<JSON
{"Action":"start","Package":"$M/volumes"}
{"Action":"run","Package":"$M/volumes","Test":"TestKeeps"}
{"Action":"output","Package":"$M/volumes","Test":"TestKeeps","Output":"=== RUN   TestKeeps\n"}
{"Action":"pass","Package":"$M/volumes","Test":"TestKeeps","Elapsed":1.5}
{"Action":"run","Package":"$M/volumes","Test":"TestLoses"}
{"Action":"run","Package":"$M/volumes","Test":"TestLoses/sub"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"    loses_test.go:20: \n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \tError Trace:\tloses_test.go:20\n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \tError:      \tNot equal: \n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \t            \texpected: \"42\"\n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \t            \tactual  : \"\"\n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \tTest:       \tTestLoses\n"}
{"Action":"output","Package":"$M/volumes","Test":"TestLoses","Output":"        \tMessages:   \tthe value survives a restart\n"}
{"Action":"fail","Package":"$M/volumes","Test":"TestLoses/sub","Elapsed":0.1}
{"Action":"fail","Package":"$M/volumes","Test":"TestLoses","Elapsed":2.25}
{"Action":"output","Package":"$M/volumes","Output":"FAIL\n"}
{"Action":"fail","Package":"$M/volumes","Elapsed":4}
{"Action":"output","Package":"$M/networks","Output":"# $M/networks\n"}
{"Action":"output","Package":"$M/networks","Output":"publish_test.go:3:1: syntax error\n"}
{"Action":"fail","Package":"$M/networks","Elapsed":0}
JSON
exit 1
