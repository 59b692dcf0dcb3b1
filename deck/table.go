package deck

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// decodeTOML parses data into plain maps. Only syntax errors are possible
// here; types and keys are checked field by field afterwards, so that one
// run can report every problem with its line.
func decodeTOML(file string, data []byte, errs *Errors) (map[string]any, *lines, bool) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		line := 0
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
			msg = pe.Message
		}
		errs.add(file, line, "", "", "TOML syntax: %s", msg)
		return nil, nil, false
	}
	return m, newLines(data), true
}

// table reads the fields of one TOML table, checking their types and
// reporting every problem with the line of the key at fault.
type table struct {
	m    map[string]any
	path string // the table's path in positions, e.g. "card[3]"; "" for the root
	file string
	item string // what the table is to the user, e.g. `card "vol-x"`
	pos  *lines
	errs *Errors
}

// child returns the table of a nested table value.
func (t *table) child(m map[string]any, path, item string) *table {
	return &table{m: m, path: path, file: t.file, item: item, pos: t.pos, errs: t.errs}
}

func (t *table) keyPath(key string) string {
	if t.path == "" {
		return key
	}
	return t.path + "." + key
}

// line is the line of key, or of the table when key is not written.
func (t *table) line(key string) int {
	if key == "" {
		return t.pos.line(t.path)
	}
	return t.pos.line(t.keyPath(key))
}

func (t *table) errorf(key, format string, args ...any) {
	t.errs.add(t.file, t.line(key), t.item, key, format, args...)
}

// has reports whether key is written.
func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// unknown reports each key that is not in known, suggesting the known key
// it was probably meant to be.
func (t *table) unknown(known []string) bool {
	var unknown []string
	for key := range t.m {
		if !slices.Contains(known, key) {
			unknown = append(unknown, key)
		}
	}
	slices.Sort(unknown) // the same messages every run
	for _, key := range unknown {
		if near := nearest(key, known); near != "" {
			t.errorf(key, "unknown key; did you mean %q?", near)
		} else {
			t.errorf(key, "unknown key; known keys are %s", strings.Join(known, ", "))
		}
	}
	return len(unknown) == 0
}

// str returns the string value of key, trimmed. Missing reports nothing and
// returns ok false; a value of another type is reported.
func (t *table) str(key string) (string, bool) {
	v, ok := t.m[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		t.errorf(key, "must be a string, not %s", typeName(v))
		return "", false
	}
	return strings.TrimSpace(s), true
}

// required returns the string value of key and reports it when missing or
// empty.
func (t *table) required(key string) (string, bool) {
	if !t.has(key) {
		t.errorf(key, "missing")
		return "", false
	}
	s, ok := t.str(key)
	if ok && s == "" {
		t.errorf(key, "empty")
		return "", false
	}
	return s, ok
}

// strs returns an array of non-empty strings, trimmed, and reports empty
// entries and repeats.
func (t *table) strs(key string) ([]string, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, false
	}
	arr, ok := v.([]any)
	if !ok {
		t.errorf(key, "must be an array of strings, not %s", typeName(v))
		return nil, false
	}
	out := make([]string, 0, len(arr))
	good := true
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.errorf(key, "entry %d must be a string, not %s", i+1, typeName(e))
			good = false
			continue
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			t.errorf(key, "entry %d is empty", i+1)
			good = false
		case slices.Contains(out, s):
			t.errorf(key, "%q is listed twice", s)
			good = false
		default:
			out = append(out, s)
		}
	}
	return out, good
}

// integer returns the integer value of key, reporting it when missing, of
// another type, or below min.
func (t *table) integer(key string, min int) (int, bool) {
	v, ok := t.m[key]
	if !ok {
		t.errorf(key, "missing")
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.errorf(key, "must be an integer, not %s", typeName(v))
		return 0, false
	}
	if n < int64(min) || n > 1<<31 {
		t.errorf(key, "%d is out of range (at least %d)", n, min)
		return 0, false
	}
	return int(n), true
}

// float returns the number value of key, if written.
func (t *table) float(key string) (float64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	t.errorf(key, "must be a number, not %s", typeName(v))
	return 0, false
}

// subtable returns the table value of key, reporting it when missing or of
// another type.
func (t *table) subtable(key string) (*table, bool) {
	v, ok := t.m[key]
	if !ok {
		t.errorf(key, "missing; write a [%s] table", key)
		return nil, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.errorf(key, "must be a table [%s], not %s", key, typeName(v))
		return nil, false
	}
	return t.child(m, t.keyPath(key), key), true
}

// tables returns the entries of the array of tables key ([[key]]).
func (t *table) tables(key string) ([]*table, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, false
	}
	var maps []map[string]any
	switch a := v.(type) {
	case []map[string]any:
		maps = a
	case []any:
		for i, e := range a {
			m, ok := e.(map[string]any)
			if !ok {
				t.errorf(key, "entry %d must be a table, not %s", i+1, typeName(e))
				return nil, false
			}
			maps = append(maps, m)
		}
	default:
		t.errorf(key, "must be an array of tables [[%s]], not %s", key, typeName(v))
		return nil, false
	}
	out := make([]*table, len(maps))
	for i, m := range maps {
		// Name the entry by its id when it has a usable one, else by
		// its position.
		item := key + " #" + strconv.Itoa(i+1)
		if id, ok := m["id"].(string); ok && strings.TrimSpace(id) != "" {
			item = key + " " + strconv.Quote(strings.TrimSpace(id))
		}
		out[i] = t.child(m, t.keyPath(key)+"["+strconv.Itoa(i)+"]", item)
	}
	return out, true
}

// typeName names the TOML type of a decoded value.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		// The decoder marks local dates and times by the name of
		// their location.
		switch v.Location().String() {
		case "date-local":
			return "date"
		case "time-local":
			return "time"
		}
		return "datetime"
	case []any:
		return "array"
	case []map[string]any:
		return "array of tables"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

// nearest returns the candidate within edit distance 2 of s, if any.
func nearest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(s), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b; long inputs are
// not worth comparing and count as far apart.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
