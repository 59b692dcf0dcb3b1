// Command counter is the learner's moby-counter in small: every request to
// / increments a counter kept in redis and answers with its new value. It
// keeps no state of its own, so the count lives exactly as long as redis's
// data does.
//
// It speaks the redis protocol (RESP) by hand to need nothing but the
// standard library, and dials redis afresh for every request so that a
// recreated redis container, with a new address behind the same name, is
// found at once.
//
// Environment: REDIS_ADDR (default redis:6379), LISTEN (default :8080).
package main

import (
	"bufio"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	addr := getenv("REDIS_ADDR", "redis:6379")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n, err := incr(addr, "hits")
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, n)
	})
	log.Fatal(http.ListenAndServe(getenv("LISTEN", ":8080"), nil))
}

func getenv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// incr sends INCR key to the redis server at addr and returns the new value.
func incr(addr, key string) (int64, error) {
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := fmt.Fprintf(conn, "*2\r\n$4\r\nINCR\r\n$%d\r\n%s\r\n", len(key), key); err != nil {
		return 0, err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return 0, err
	}
	line = strings.TrimRight(line, "\r\n")
	switch {
	case strings.HasPrefix(line, ":"):
		return strconv.ParseInt(line[1:], 10, 64)
	case strings.HasPrefix(line, "-"):
		return 0, errors.New("redis: " + line[1:])
	}
	return 0, fmt.Errorf("redis: unexpected reply %q", line)
}
