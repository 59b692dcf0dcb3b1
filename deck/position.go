package deck

import (
	"strconv"
	"strings"
)

// positions maps the keys and tables of a TOML document to the lines they
// are written on. The TOML decoder reports lines only for syntax errors; so
// after it has accepted a document, this light scanner walks it once more
// to find where each key and table starts.
//
// Paths name array-of-tables entries by index: "card[3].correct" is the
// correct key of the fourth [[card]]; "card[3]" is its header; "deck.title"
// is the title key of [deck].
type positions map[string]int

// line returns the line of path, else of its nearest enclosing table that
// has one, else 0.
func (p positions) line(path string) int {
	for {
		if l, ok := p[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			return 0
		}
		path = path[:i]
	}
}

// scanPositions scans a document the TOML parser has already accepted.
// Constructs it does not follow (keys inside inline tables, for one) are
// simply left out, and line falls back to the enclosing table. With keys
// false only tables are recorded, which is all a document without errors
// needs and several times cheaper.
func scanPositions(data []byte, keys bool) positions {
	s := &posScanner{data: data, line: 1, pos: positions{}, arrays: map[string]bool{}, count: map[string]int{}, keys: keys}
	s.scan()
	return s.pos
}

// lines finds the lines of a document's tables and keys. It records only
// the tables at first, and scans for the keys the first time a line is
// asked for that is not a table's: when there is an error to report.
type lines struct {
	data []byte
	pos  positions
	full bool
}

func newLines(data []byte) *lines {
	return &lines{data: data, pos: scanPositions(data, false)}
}

// line returns the line of path, else of its nearest enclosing table that
// has one, else 0.
func (l *lines) line(path string) int {
	if n, ok := l.pos[path]; ok {
		return n
	}
	if !l.full {
		l.pos, l.full = scanPositions(l.data, true), true
	}
	return l.pos.line(path)
}

type posScanner struct {
	data   []byte
	i      int
	line   int
	pos    positions
	table  string          // the current table's path, with indices
	arrays map[string]bool // array-of-tables names, without indices
	count  map[string]int  // entries so far per array-of-tables path
	keys   bool            // record keys, not only tables
}

func (s *posScanner) peek(off int) byte {
	if s.i+off < len(s.data) {
		return s.data[s.i+off]
	}
	return 0
}

func (s *posScanner) advance() {
	if s.data[s.i] == '\n' {
		s.line++
	}
	s.i++
}

func (s *posScanner) skipBlank() {
	for s.i < len(s.data) && (s.data[s.i] == ' ' || s.data[s.i] == '\t' || s.data[s.i] == '\r') {
		s.i++
	}
}

func (s *posScanner) skipLine() {
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		s.i++
	}
}

func (s *posScanner) scan() {
	for s.i < len(s.data) {
		s.skipBlank()
		if s.i >= len(s.data) {
			return
		}
		switch c := s.data[s.i]; {
		case c == '\n':
			s.advance()
		case c == '#':
			s.skipLine()
		case c == '[':
			s.header()
		default:
			s.keyValue()
		}
	}
}

// header reads [table] or [[array]] and makes it the current table.
func (s *posScanner) header() {
	line := s.line
	array := s.peek(1) == '['
	if array {
		s.i += 2
	} else {
		s.i++
	}
	parts := s.key()
	s.skipLine()
	if len(parts) == 0 {
		return
	}
	// Build the path, indexing every enclosing array of tables by its
	// current entry.
	var plain, path string
	for j, part := range parts {
		if j > 0 {
			plain += "."
			path += "."
		}
		plain += part
		path += part
		last := j == len(parts)-1
		if last && array {
			// The array itself is placed at its first entry.
			s.pos.set(path, line)
			s.arrays[plain] = true
			n := s.count[path]
			s.count[path] = n + 1
			path += "[" + strconv.Itoa(n) + "]"
		} else if s.arrays[plain] {
			n := s.count[path]
			if n > 0 {
				n--
			}
			path += "[" + strconv.Itoa(n) + "]"
		}
	}
	s.table = path
	s.pos.set(path, line)
}

// keyValue reads key = value and records the key's line.
func (s *posScanner) keyValue() {
	if s.keys {
		line := s.line
		path := s.table
		for _, part := range s.key() {
			if path != "" {
				path += "."
			}
			path += part
			s.pos.set(path, line)
		}
	} else {
		s.skipKey()
	}
	s.skipBlank()
	if s.peek(0) == '=' {
		s.i++
	}
	s.value()
}

func (p positions) set(path string, line int) {
	if _, ok := p[path]; !ok {
		p[path] = line
	}
}

// key reads a dotted key of bare and quoted parts and stops after it.
func (s *posScanner) key() []string {
	var parts []string
	for s.i < len(s.data) {
		s.skipBlank()
		switch c := s.peek(0); {
		case c == '"':
			start := s.i
			s.basicString()
			raw := string(s.data[start:s.i])
			if u, err := strconv.Unquote(raw); err == nil {
				raw = u
			} else {
				raw = strings.Trim(raw, `"`)
			}
			parts = append(parts, raw)
		case c == '\'':
			s.i++
			start := s.i
			for s.i < len(s.data) && s.data[s.i] != '\'' && s.data[s.i] != '\n' {
				s.i++
			}
			parts = append(parts, string(s.data[start:s.i]))
			if s.peek(0) == '\'' {
				s.i++
			}
		case isBare(c):
			start := s.i
			for s.i < len(s.data) && isBare(s.data[s.i]) {
				s.i++
			}
			parts = append(parts, string(s.data[start:s.i]))
		default:
			return parts
		}
		s.skipBlank()
		if s.peek(0) != '.' {
			return parts
		}
		s.i++
	}
	return parts
}

// skipKey passes over a key without reading it.
func (s *posScanner) skipKey() {
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '=' || c == '\n':
			return
		case c == '"':
			s.basicString()
		case c == '\'':
			s.literalString()
		default:
			s.i++
		}
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips a value, which may span lines inside brackets or multi-line
// strings, and the rest of its line.
func (s *posScanner) value() {
	depth := 0
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '\n':
			if depth == 0 {
				return
			}
			s.advance()
		case c == '#':
			s.skipLine()
		case c == '[' || c == '{':
			depth++
			s.i++
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			s.i++
		case c == '"' && s.peek(1) == '"' && s.peek(2) == '"':
			s.multiline('"')
		case c == '\'' && s.peek(1) == '\'' && s.peek(2) == '\'':
			s.multiline('\'')
		case c == '"':
			s.basicString()
		case c == '\'':
			s.literalString()
		default:
			s.i++
		}
	}
}

// literalString skips a one-line 'string', which has no escapes.
func (s *posScanner) literalString() {
	s.i++
	for s.i < len(s.data) && s.data[s.i] != '\'' && s.data[s.i] != '\n' {
		s.i++
	}
	if s.peek(0) == '\'' {
		s.i++
	}
}

// basicString skips a one-line "string", escapes included.
func (s *posScanner) basicString() {
	s.i++
	for s.i < len(s.data) && s.data[s.i] != '\n' {
		switch s.data[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return
		default:
			s.i++
		}
	}
	if s.i > len(s.data) {
		s.i = len(s.data)
	}
}

// multiline skips a """ or ”' string, counting the lines inside it. Up to
// two quotes right before the closing three belong to the string.
func (s *posScanner) multiline(q byte) {
	s.i += 3
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '\\' && q == '"':
			s.i++
			if s.i < len(s.data) {
				s.advance()
			}
		case c == q && s.peek(1) == q && s.peek(2) == q:
			s.i += 3
			for n := 0; n < 2 && s.peek(0) == q; n++ {
				s.i++
			}
			return
		default:
			s.advance()
		}
	}
}
