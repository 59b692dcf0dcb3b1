package grade

import (
	"encoding/csv"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
)

// Flag values with meaning are read the way docker reads them, each by its
// own parser, and keyed so that values docker treats alike compare equal:
// a --mount's keys in any order, -v data:/data and
// --mount type=volume,src=data,dst=/data, -p 8080:80 and
// -p 0.0.0.0:8080:80/tcp, --signal HUP and --signal 1, a Go template with
// or without spaces in its actions, ./Dockerfile.dev and Dockerfile.dev.
//
// A structured key starts with keyMark and holds fields written
// "name=value" joined by keySep, so that a reason can say which field
// differs.
const (
	keyMark = "\x01"
	keySep  = "\x02"
)

// structKey builds a structured key of kind from name=value fields.
func structKey(kind string, fields ...string) string {
	return keyMark + kind + keySep + strings.Join(fields, keySep)
}

// keyFields splits a structured key into its kind and fields; ok is false
// for any other key.
func keyFields(key string) (kind string, fields []string, ok bool) {
	rest, ok := strings.CutPrefix(key, keyMark)
	if !ok {
		return "", nil, false
	}
	parts := strings.Split(rest, keySep)
	return parts[0], parts[1:], true
}

// normaliseValue keys the value of a flag whose meaning the grader models;
// handled is false for the other flags.
func normaliseValue(f *flag, s string) (key string, handled bool, err error) {
	switch f.long {
	case "mount":
		if f.typ != "mount" {
			return "", false, nil
		}
		m, err := parseMountFlag(s)
		if err != nil {
			return "", true, fmt.Errorf("--mount %s: %v", s, err)
		}
		return m.key(), true, nil
	case "volume":
		if f.typ != "list" {
			return "", false, nil
		}
		m, err := parseVolumeFlag(s)
		if err != nil {
			return "", true, fmt.Errorf("--volume %s: %v", s, err)
		}
		return m.key(), true, nil
	case "tmpfs":
		m, err := parseTmpfsFlag(s)
		if err != nil {
			return "", true, fmt.Errorf("--tmpfs %s: %v", s, err)
		}
		return m.key(), true, nil
	case "publish":
		k, err := portKey(s)
		if err != nil {
			return "", true, fmt.Errorf("--publish %s: %v", s, err)
		}
		return k, true, nil
	case "expose":
		// Unlike -p, docker keeps --expose's protocol as typed: 80/TCP is
		// a port of its own next to 80/tcp (found by the oracle test).
		return strings.TrimSuffix(s, "/tcp"), true, nil
	case "signal", "stop-signal":
		n, err := parseSignal(s)
		if err != nil {
			return "", true, fmt.Errorf("--%s: %v", f.long, err)
		}
		return structKey("signal", "number="+strconv.Itoa(n)), true, nil
	case "format":
		k, err := templateKey(s)
		if err != nil {
			return "", true, fmt.Errorf("--format: %v", err)
		}
		return k, true, nil
	case "tag":
		if f.typ == "list" { // docker build --tag
			return normaliseRef(s), true, nil
		}
	case "file", "output", "input", "env-file", "cidfile", "iidfile", "label-file":
		if f.typ == "string" || f.typ == "list" {
			return cleanPath(s), true, nil
		}
	case "host":
		if f.short == "H" && f.typ == "list" {
			return normaliseHost(s), true, nil
		}
	case "entrypoint":
		return commandWordKey(s), true, nil
	}
	return "", false, nil
}

// cleanPath keys a relative or absolute file path: ./x is x, ./ is ., and
// a/./b is a/b; a trailing slash, which says "a directory", is kept.
func cleanPath(s string) string {
	if s == "" || s == "-" || strings.Contains(s, "://") {
		return s
	}
	slash := strings.HasSuffix(s, "/") && len(s) > 1
	c := path.Clean(s)
	if slash && c != "." && c != "/" {
		c += "/"
	}
	return c
}

// pathCommands are commands a container usually finds through PATH, with
// their usual absolute path: sh is /bin/sh in every lab image.
var pathCommands = map[string]string{
	"sh": "/bin/sh", "bash": "/bin/bash", "ash": "/bin/ash", "ls": "/bin/ls", "cat": "/bin/cat",
	"echo": "/bin/echo", "ps": "/bin/ps", "sleep": "/bin/sleep", "true": "/bin/true",
	"false": "/bin/false", "hostname": "/bin/hostname", "date": "/bin/date", "ping": "/bin/ping",
	"env": "/usr/bin/env", "id": "/usr/bin/id", "top": "/usr/bin/top", "tty": "/usr/bin/tty",
	"whoami": "/usr/bin/whoami", "python3": "/usr/bin/python3", "nginx": "/usr/sbin/nginx",
}

// commandWordKey keys a command name so that sh and /bin/sh compare equal:
// the key is the absolute path alone.
func commandWordKey(s string) string {
	if abs, ok := pathCommands[s]; ok {
		return keyMark + "cmd" + keySep + abs
	}
	for _, abs := range pathCommands {
		if s == abs {
			return keyMark + "cmd" + keySep + abs
		}
	}
	return s
}

// normaliseHost keys a daemon address as the docker CLI reads -H: no
// scheme means tcp://, a tcp address without a port has 2375, unix://
// alone is the default socket.
func normaliseHost(s string) string {
	h := strings.TrimSpace(s)
	if !strings.Contains(h, "://") {
		h = "tcp://" + h
	}
	scheme, addr, _ := strings.Cut(h, "://")
	switch strings.ToLower(scheme) {
	case "tcp":
		addr = strings.TrimSuffix(addr, "/")
		host, port := addr, ""
		if i := strings.LastIndexByte(addr, ':'); i >= 0 && !strings.HasSuffix(addr, "]") {
			host, port = addr[:i], addr[i+1:]
		}
		if host == "" {
			host = "localhost"
		}
		if port == "" {
			port = "2375"
		}
		return "tcp://" + host + ":" + port
	case "unix":
		if addr == "" {
			addr = "/var/run/docker.sock"
		}
		return "unix://" + addr
	}
	return h
}

// signals are the Linux signals by the names docker's signal parser knows,
// without SIG.
var signals = map[string]int{
	"ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1,
	"ILL": 4, "INT": 2, "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27,
	"PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15,
	"TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12,
	"VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25, "RTMIN": 34, "RTMAX": 64,
}

// parseSignal reads a signal as docker's daemon does: a number, or a name
// in any case with or without SIG.
func parseSignal(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		if n <= 0 || n > 64 {
			return 0, fmt.Errorf("invalid signal: %s", s)
		}
		return n, nil
	}
	name := strings.TrimPrefix(strings.ToUpper(s), "SIG")
	if n, ok := signals[name]; ok {
		return n, nil
	}
	for _, base := range []string{"RTMIN+", "RTMAX-"} {
		if d, ok := strings.CutPrefix(name, base); ok {
			if k, err := strconv.Atoi(d); err == nil && k > 0 && k < 30 {
				if base == "RTMIN+" {
					return 34 + k, nil
				}
				return 64 - k, nil
			}
		}
	}
	return 0, fmt.Errorf("invalid signal: %s", s)
}

// signalName names signal n for a reason: SIGHUP.
func signalName(n int) string {
	best := ""
	for name, k := range signals {
		if k == n && (best == "" || len(name) < len(best) || len(name) == len(best) && name < best) {
			best = name
		}
	}
	if best == "" {
		return "signal " + strconv.Itoa(n)
	}
	return "SIG" + best
}

// templateFuncs are the functions docker's --format templates know; only
// their names matter to the parser.
var templateFuncs = template.FuncMap{}

func init() {
	for _, name := range []string{"json", "join", "title", "lower", "upper", "split", "truncate", "pad", "table", "println"} {
		templateFuncs[name] = func(...any) string { return "" }
	}
}

// templateKey keys a --format value as the Go template docker would run:
// spaces inside actions and a value piped into a function or passed to it
// make no difference. "json" and "table …" are docker's own directives.
func templateKey(s string) (string, error) {
	if s == "json" || s == "table" || s == "raw" {
		return s, nil
	}
	prefix := ""
	if rest, ok := strings.CutPrefix(s, "table "); ok {
		prefix, s = "table ", rest
	}
	t, err := template.New("").Funcs(templateFuncs).Parse(s)
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return "", fmt.Errorf("template parsing error: %s", msg)
	}
	if t.Tree == nil || t.Tree.Root == nil {
		return prefix, nil
	}
	var b strings.Builder
	b.WriteString(keyMark + "tmpl" + keySep + prefix)
	printTemplate(&b, t.Tree.Root)
	return b.String(), nil
}

// printTemplate prints a template tree with every pipeline written as
// nested calls: {{.A | json}} is {{json .A}}.
func printTemplate(b *strings.Builder, n parse.Node) {
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			printTemplate(b, c)
		}
	case *parse.ActionNode:
		b.WriteString("{{")
		b.WriteString(pipeString(x.Pipe))
		b.WriteString("}}")
	case *parse.IfNode:
		printBranch(b, "if", &x.BranchNode)
	case *parse.RangeNode:
		printBranch(b, "range", &x.BranchNode)
	case *parse.WithNode:
		printBranch(b, "with", &x.BranchNode)
	default:
		b.WriteString(n.String())
	}
}

func printBranch(b *strings.Builder, kw string, n *parse.BranchNode) {
	b.WriteString("{{" + kw + " " + pipeString(n.Pipe) + "}}")
	printTemplate(b, n.List)
	if n.ElseList != nil {
		b.WriteString("{{else}}")
		printTemplate(b, n.ElseList)
	}
	b.WriteString("{{end}}")
}

// pipeString prints a pipeline as one expression: each command after the
// first takes the result so far as its last argument.
func pipeString(p *parse.PipeNode) string {
	if p == nil {
		return ""
	}
	var decl []string
	for _, v := range p.Decl {
		decl = append(decl, v.String())
	}
	expr := ""
	for i, c := range p.Cmds {
		args := make([]string, len(c.Args))
		for j, a := range c.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				args[j] = "(" + pipeString(sub) + ")"
			} else {
				args[j] = a.String()
			}
		}
		if i > 0 {
			if strings.Contains(expr, " ") {
				expr = "(" + expr + ")"
			}
			args = append(args, expr)
		}
		expr = strings.Join(args, " ")
	}
	if len(decl) > 0 {
		op := " := "
		if p.IsAssign {
			op = " = "
		}
		return strings.Join(decl, ", ") + op + expr
	}
	return expr
}

// mountSpec is one mount of a container, whichever flag asked for it.
type mountSpec struct {
	typ, src, dst string
	readonly      bool
	nocopy        bool
	propagation   string // bind propagation; "" is rprivate, the default
	selinux       string // z or Z, from -v only
	consistency   string
	volDriver     string
	volOpts       []string // volume-opt and volume-label values, sorted
	subpath       string
	nonRecursive  bool
	tmpfsSize     int64
	tmpfsMode     string
	extra         []string // tmpfs options --mount cannot write
}

func (m mountSpec) key() string {
	f := []string{"type=" + m.typ}
	if m.src != "" {
		f = append(f, "source="+m.src)
	}
	f = append(f, "target="+m.dst)
	if m.readonly {
		f = append(f, "readonly=true")
	}
	if m.nocopy {
		f = append(f, "volume-nocopy=true")
	}
	if m.propagation != "" && m.propagation != "rprivate" {
		f = append(f, "bind-propagation="+m.propagation)
	}
	if m.selinux != "" {
		f = append(f, "selinux-label="+m.selinux)
	}
	if m.consistency != "" && m.consistency != "consistent" && m.consistency != "default" {
		f = append(f, "consistency="+m.consistency)
	}
	if m.volDriver != "" && m.volDriver != "local" {
		f = append(f, "volume-driver="+m.volDriver)
	}
	f = append(f, m.volOpts...)
	if m.subpath != "" {
		f = append(f, "volume-subpath="+m.subpath)
	}
	if m.nonRecursive {
		f = append(f, "bind-nonrecursive=true")
	}
	if m.tmpfsSize != 0 {
		f = append(f, "tmpfs-size="+strconv.FormatInt(m.tmpfsSize, 10))
	}
	if m.tmpfsMode != "" {
		f = append(f, "tmpfs-mode="+m.tmpfsMode)
	}
	f = append(f, m.extra...)
	return structKey("mount", f...)
}

// parseMountFlag reads a --mount value as the docker CLI does: a CSV list
// of key=value fields in any order.
func parseMountFlag(s string) (mountSpec, error) {
	r := csv.NewReader(strings.NewReader(s))
	fields, err := r.Read()
	if err != nil {
		return mountSpec{}, fmt.Errorf("not a list of key=value fields")
	}
	m := mountSpec{typ: "volume"}
	var bindOpt, volOpt, tmpfsOpt string
	setBool := func(dst *bool, key, val string, hasVal bool) error {
		if !hasVal {
			*dst = true
			return nil
		}
		b, err := strconv.ParseBool(val)
		if err != nil {
			return fmt.Errorf("invalid value for %s: %s", key, val)
		}
		*dst = b
		return nil
	}
	for _, field := range fields {
		key, val, hasVal := strings.Cut(field, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if !hasVal {
			switch key {
			case "readonly", "ro", "volume-nocopy", "bind-nonrecursive":
			default:
				return m, fmt.Errorf("invalid field '%s' must be a key=value pair", field)
			}
		}
		switch key {
		case "type":
			m.typ = strings.ToLower(val)
		case "source", "src":
			m.src = val
		case "target", "destination", "dst":
			m.dst = val
		case "readonly", "ro":
			if err := setBool(&m.readonly, key, val, hasVal); err != nil {
				return m, err
			}
		case "consistency":
			m.consistency = val
		case "bind-propagation":
			m.propagation, bindOpt = val, key
		case "bind-nonrecursive":
			if err := setBool(&m.nonRecursive, key, val, hasVal); err != nil {
				return m, err
			}
			bindOpt = key
		case "bind-recursive":
			switch val {
			case "enabled":
			case "disabled":
				m.nonRecursive = true
			case "writable", "readonly":
				m.extra = append(m.extra, "bind-recursive="+val)
			default:
				return m, fmt.Errorf("invalid value for %s: %s", key, val)
			}
			bindOpt = key
		case "volume-nocopy":
			if err := setBool(&m.nocopy, key, val, hasVal); err != nil {
				return m, err
			}
			volOpt = key
		case "volume-driver":
			m.volDriver, volOpt = val, key
		case "volume-subpath":
			m.subpath, volOpt = val, key
		case "volume-label", "volume-opt":
			m.volOpts, volOpt = append(m.volOpts, key+"="+val), key
		case "tmpfs-size":
			n, ok := parseSize(val)
			if !ok {
				return m, fmt.Errorf("invalid value for %s: %s", key, val)
			}
			m.tmpfsSize, tmpfsOpt = n, key
		case "tmpfs-mode":
			n, err := strconv.ParseUint(val, 8, 32)
			if err != nil {
				return m, fmt.Errorf("invalid value for %s: %s", key, val)
			}
			m.tmpfsMode, tmpfsOpt = strconv.FormatUint(n, 8), key
		default:
			return m, fmt.Errorf("unexpected key '%s' in '%s'", key, field)
		}
	}
	slices.Sort(m.volOpts)
	switch m.typ {
	case "volume", "bind", "tmpfs", "npipe", "cluster", "image":
	default:
		return m, fmt.Errorf("invalid mount type %q", m.typ)
	}
	if m.dst == "" {
		return m, fmt.Errorf("target is required")
	}
	if bindOpt != "" && m.typ != "bind" {
		return m, fmt.Errorf("cannot mix '%s' with mount type '%s'", bindOpt, m.typ)
	}
	if volOpt != "" && m.typ != "volume" {
		return m, fmt.Errorf("cannot mix '%s' with mount type '%s'", volOpt, m.typ)
	}
	if tmpfsOpt != "" && m.typ != "tmpfs" {
		return m, fmt.Errorf("cannot mix '%s' with mount type '%s'", tmpfsOpt, m.typ)
	}
	if m.typ == "bind" && m.src == "" {
		return m, fmt.Errorf("source is required when type is bind")
	}
	if m.typ == "tmpfs" && m.src != "" {
		return m, fmt.Errorf("source must not be given for a tmpfs mount")
	}
	m.dst = path.Clean(m.dst)
	if m.typ == "bind" {
		m.src = path.Clean(m.src)
	}
	return m, nil
}

// volumeModes are the options of -v: access, SELinux label, copy,
// propagation and consistency.
var volumeModes = map[string]string{
	"rw": "access", "ro": "access", "z": "label", "Z": "label", "nocopy": "copy",
	"shared": "propagation", "rshared": "propagation", "slave": "propagation",
	"rslave": "propagation", "private": "propagation", "rprivate": "propagation",
	"consistent": "consistency", "cached": "consistency", "delegated": "consistency", "default": "consistency",
}

// validVolumeMode reports whether s is a -v options field.
func validVolumeMode(s string) bool {
	seen := map[string]bool{}
	for o := range strings.SplitSeq(s, ",") {
		kind, ok := volumeModes[o]
		if !ok || seen[kind] {
			return false
		}
		seen[kind] = true
	}
	return true
}

// parseVolumeFlag reads a -v value as Docker on Linux does:
// [SOURCE:]TARGET[:OPTIONS], the source a named volume or, starting with /
// or ., a host path.
func parseVolumeFlag(s string) (mountSpec, error) {
	parts := strings.Split(s, ":")
	m := mountSpec{typ: "volume"}
	var mode string
	switch len(parts) {
	case 1:
		m.dst = parts[0]
	case 2:
		if validVolumeMode(parts[1]) {
			return m, fmt.Errorf("invalid volume specification: a target and options need a source before them")
		}
		m.src, m.dst = parts[0], parts[1]
	case 3:
		m.src, m.dst, mode = parts[0], parts[1], parts[2]
		if !validVolumeMode(mode) {
			return m, fmt.Errorf("invalid mode: %s", mode)
		}
	default:
		return m, fmt.Errorf("invalid volume specification: too many colons")
	}
	if m.dst == "" || !strings.HasPrefix(m.dst, "/") {
		return m, fmt.Errorf("invalid volume specification: the target %q must be an absolute path", m.dst)
	}
	if len(parts) > 1 && m.src == "" {
		return m, fmt.Errorf("invalid volume specification: empty source")
	}
	m.dst = path.Clean(m.dst)
	if strings.HasPrefix(m.src, "/") || strings.HasPrefix(m.src, ".") || strings.HasPrefix(m.src, "~") {
		m.typ = "bind"
		m.src = path.Clean(m.src)
	}
	for o := range strings.SplitSeq(mode, ",") {
		switch volumeModes[o] {
		case "access":
			m.readonly = o == "ro"
		case "label":
			m.selinux = o
		case "copy":
			if m.typ != "volume" {
				return m, fmt.Errorf("invalid mode: nocopy is an option of volumes, not of bind mounts")
			}
			m.nocopy = true
		case "propagation":
			if m.typ != "bind" {
				return m, fmt.Errorf("invalid mode: %s applies to bind mounts only", o)
			}
			m.propagation = o
		case "consistency":
			m.consistency = o
		}
	}
	return m, nil
}

// parseTmpfsFlag reads a --tmpfs value: TARGET[:OPTIONS], the options
// those of mount -t tmpfs.
func parseTmpfsFlag(s string) (mountSpec, error) {
	dst, opts, _ := strings.Cut(s, ":")
	m := mountSpec{typ: "tmpfs", dst: dst}
	if !strings.HasPrefix(dst, "/") {
		return m, fmt.Errorf("the target %q must be an absolute path", dst)
	}
	m.dst = path.Clean(dst)
	if opts == "" {
		return m, nil
	}
	for o := range strings.SplitSeq(opts, ",") {
		k, v, _ := strings.Cut(o, "=")
		switch k {
		case "size":
			n, ok := parseSize(v)
			if !ok {
				return m, fmt.Errorf("invalid size %q", v)
			}
			m.tmpfsSize = n
		case "mode":
			n, err := strconv.ParseUint(v, 8, 32)
			if err != nil {
				return m, fmt.Errorf("invalid mode %q", v)
			}
			m.tmpfsMode = strconv.FormatUint(n, 8)
		case "rw":
			m.readonly = false
		case "ro":
			m.readonly = true
		case "":
		default:
			m.extra = append(m.extra, "tmpfs-option="+o)
		}
	}
	slices.Sort(m.extra)
	return m, nil
}

// portKey keys a -p value: [IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], an
// empty IP meaning 0.0.0.0 and the protocol tcp unless given.
func portKey(s string) (string, error) {
	spec, proto, _ := strings.Cut(s, "/")
	if proto == "" {
		proto = "tcp"
	}
	proto = strings.ToLower(proto)
	switch proto {
	case "tcp", "udp", "sctp":
	default:
		return "", fmt.Errorf("invalid protocol %q", proto)
	}
	ip, host, ctr := "", "", ""
	rest := spec
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]:")
		if end < 0 {
			return "", fmt.Errorf("invalid IP address in %q", s)
		}
		ip, rest = rest[1:end], rest[end+2:]
		h, c, ok := strings.Cut(rest, ":")
		if !ok {
			return "", fmt.Errorf("invalid port specification %q", s)
		}
		host, ctr = h, c
	} else {
		parts := strings.Split(rest, ":")
		switch len(parts) {
		case 1:
			ctr = parts[0]
		case 2:
			host, ctr = parts[0], parts[1]
		case 3:
			ip, host, ctr = parts[0], parts[1], parts[2]
		default:
			return "", fmt.Errorf("invalid port specification %q", s)
		}
	}
	if ip == "" {
		ip = "0.0.0.0"
	}
	cp, err := portRange(ctr)
	if err != nil || ctr == "" {
		return "", fmt.Errorf("invalid container port %q", ctr)
	}
	hp := ""
	if host != "" {
		if hp, err = portRange(host); err != nil {
			return "", fmt.Errorf("invalid host port %q", host)
		}
	}
	return structKey("port", "host-ip="+ip, "host-port="+hp, "container-port="+cp, "protocol="+proto), nil
}

// portRange reads a port or a range of ports; 80-80 is 80.
func portRange(s string) (string, error) {
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.ParseUint(lo, 10, 16)
	if err != nil {
		return "", err
	}
	if !isRange {
		return strconv.FormatUint(a, 10), nil
	}
	b, err := strconv.ParseUint(hi, 10, 16)
	if err != nil || b < a {
		return "", fmt.Errorf("invalid range")
	}
	if a == b {
		return strconv.FormatUint(a, 10), nil
	}
	return strconv.FormatUint(a, 10) + "-" + strconv.FormatUint(b, 10), nil
}

// expandPorts splits a -p value with a host and a container range of the
// same length into one value per port, as docker does:
// 8080-8081:80-81 is 8080:80 and 8081:81.
func expandPorts(s string) []string {
	spec, proto, hasProto := strings.Cut(s, "/")
	if strings.HasPrefix(spec, "[") {
		return nil
	}
	parts := strings.Split(spec, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return nil
	}
	host, ctr := parts[len(parts)-2], parts[len(parts)-1]
	hlo, hhi, hr := strings.Cut(host, "-")
	clo, chi, cr := strings.Cut(ctr, "-")
	if !hr || !cr {
		return nil
	}
	a, e1 := strconv.Atoi(hlo)
	b, e2 := strconv.Atoi(hhi)
	c, e3 := strconv.Atoi(clo)
	d, e4 := strconv.Atoi(chi)
	if e1 != nil || e2 != nil || e3 != nil || e4 != nil || b-a != d-c || b <= a || b-a > 64 {
		return nil
	}
	var out []string
	for i := 0; i <= b-a; i++ {
		p := strconv.Itoa(a+i) + ":" + strconv.Itoa(c+i)
		if len(parts) == 3 {
			p = parts[0] + ":" + p
		}
		if hasProto {
			p += "/" + proto
		}
		out = append(out, p)
	}
	return out
}

// fieldLabels name the fields of structured keys for reasons.
var fieldLabels = map[string]string{
	"host-ip": "host IP", "host-port": "host port", "container-port": "container port",
}

// explainKeys says how two structured values differ: "(type: got bind,
// expected volume)". It returns "" when the keys are not structured.
func explainKeys(want, got string) string {
	wk, wf, ok1 := keyFields(want)
	gk, gf, ok2 := keyFields(got)
	if !ok1 || !ok2 || wk != gk {
		return ""
	}
	switch wk {
	case "signal":
		wn, _ := strconv.Atoi(strings.TrimPrefix(wf[0], "number="))
		gn, _ := strconv.Atoi(strings.TrimPrefix(gf[0], "number="))
		return fmt.Sprintf(" (that is %s, signal %d; expected %s, signal %d)", signalName(gn), gn, signalName(wn), wn)
	case "tmpl", "cmd":
		return ""
	}
	wm, gm := fieldMap(wf), fieldMap(gf)
	var names []string
	for k := range wm {
		names = append(names, k)
	}
	for k := range gm {
		if _, ok := wm[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var diffs []string
	for _, k := range names {
		w, g := wm[k], gm[k]
		if w == g {
			continue
		}
		label := k
		if l, ok := fieldLabels[k]; ok {
			label = l
		}
		switch {
		case w == "":
			diffs = append(diffs, fmt.Sprintf("%s=%s not asked for", label, g))
		case g == "":
			diffs = append(diffs, fmt.Sprintf("missing %s=%s", label, w))
		default:
			diffs = append(diffs, fmt.Sprintf("%s: got %s, expected %s", label, g, w))
		}
	}
	if wk == "port" && wm["host-port"] == gm["container-port"] && wm["container-port"] == gm["host-port"] && wm["host-port"] != wm["container-port"] {
		return " (host and container ports are swapped: the host port comes first)"
	}
	if wk == "mount" && wm["type"] == "volume" && gm["type"] == "bind" && wm["source"] == gm["source"] && wm["source"] != "" {
		return fmt.Sprintf(" (%s is a volume name: type=bind needs a host path)", wm["source"])
	}
	if len(diffs) == 0 {
		return ""
	}
	return " (" + strings.Join(diffs, "; ") + ")"
}

func fieldMap(fields []string) map[string]string {
	m := make(map[string]string, len(fields))
	for _, f := range fields {
		k, v, _ := strings.Cut(f, "=")
		if prev, ok := m[k]; ok {
			v = prev + "," + v
		}
		m[k] = v
	}
	return m
}
