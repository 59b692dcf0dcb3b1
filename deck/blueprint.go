package deck

import (
	"regexp"
	"slices"
	"strconv"
)

// DefaultExam is the exam whose blueprint the decks are checked against
// unless LoadOptions.Exam names another.
const DefaultExam = "701-100"

// Blueprint is an exam as LPI publishes it: its format, its objectives with
// their weights, and the knowledge areas and terms of the objectives the
// decks cover. It is read from a blueprint-*.toml file, so that readiness and
// the mock exam take weights from data, never from code, and a new exam
// version is a new file.
type Blueprint struct {
	Exam          Exam
	QuestionKinds []QuestionKind
	Topics        []Topic
	Objectives    []Objective
	Areas         []Area
	Terms         []Term

	File string // where the blueprint was read from
}

// Exam identifies an exam and its format.
type Exam struct {
	ID      string // exam code, e.g. "701-100"
	Title   string // e.g. "LPI DevOps Tools Engineer"
	Version string // objectives version, e.g. "1.0"
	Status  string // "published" or "draft"
	Source  string // where the objectives were taken from

	Questions   int // questions per exam
	Minutes     int // time allowed
	ScoreMin    int // lowest scaled score
	ScoreMax    int // highest scaled score
	ScorePass   int // the scaled score that passes
	WeightTotal int // the sum of all objective weights

	// PassRatioEstimate is a rough share of right answers that passes
	// (0 when unknown). LPI scales scores per exam form, so it is a guide,
	// never a promise.
	PassRatioEstimate float64
}

// QuestionKind is a kind of exam question and the card kinds that practise
// it.
type QuestionKind struct {
	ID          string
	Title       string
	Description string
	Cards       []Kind
}

// Topic groups objectives, e.g. 702 Container Management.
type Topic struct {
	ID    string
	Title string
}

// Objective is one weighted objective of the exam, e.g. 702.1 Container
// Usage with weight 7. A weight is roughly the number of exam questions on
// the objective.
type Objective struct {
	ID     string
	Topic  string // the Topic's ID
	Title  string
	Weight int
}

// Area is a key knowledge area of an objective. Its ID is stable: cards
// name it, and it is also the name of the area's proof package under
// exercises/.
type Area struct {
	ID        string
	Objective string // the Objective's ID
	Title     string
	Order     int // 1-based position in the blueprint
}

// Term is one of the files, terms and utilities an objective lists.
type Term struct {
	ID        string // stable id cards name in terms, e.g. "dockerignore"
	Name      string // as written, e.g. ".dockerignore"
	Objective string // the Objective's ID
	Kind      string // "utility", "file" or "term"
}

// Objective returns the objective with the given id.
func (b *Blueprint) Objective(id string) (Objective, bool) {
	i := slices.IndexFunc(b.Objectives, func(o Objective) bool { return o.ID == id })
	if i < 0 {
		return Objective{}, false
	}
	return b.Objectives[i], true
}

// Area returns the knowledge area with the given id.
func (b *Blueprint) Area(id string) (Area, bool) {
	i := slices.IndexFunc(b.Areas, func(a Area) bool { return a.ID == id })
	if i < 0 {
		return Area{}, false
	}
	return b.Areas[i], true
}

// Term returns the term with the given id.
func (b *Blueprint) Term(id string) (Term, bool) {
	i := slices.IndexFunc(b.Terms, func(t Term) bool { return t.ID == id })
	if i < 0 {
		return Term{}, false
	}
	return b.Terms[i], true
}

// AreasOf returns the knowledge areas of an objective in blueprint order.
func (b *Blueprint) AreasOf(objective string) []Area {
	var out []Area
	for _, a := range b.Areas {
		if a.Objective == objective {
			out = append(out, a)
		}
	}
	return out
}

// AreaIDs returns the ids of all knowledge areas in blueprint order.
func (b *Blueprint) AreaIDs() []string {
	ids := make([]string, len(b.Areas))
	for i, a := range b.Areas {
		ids[i] = a.ID
	}
	return ids
}

var (
	examIDPattern      = regexp.MustCompile(`^[0-9]{3}-[0-9]{3}$`)
	objectiveIDPattern = regexp.MustCompile(`^[0-9]{3}\.[0-9]+$`)
	topicIDPattern     = regexp.MustCompile(`^[0-9]{3}$`)
	// An area id is a Go package name too: the area's proofs live in
	// exercises/<id>.
	areaIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	termIDPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

var (
	blueprintKeys    = []string{"exam", "question_kind", "topic", "objective", "area", "term"}
	examKeys         = []string{"id", "title", "version", "status", "source", "questions", "minutes", "score_min", "score_max", "score_pass", "weight_total", "pass_ratio_estimate"}
	questionKindKeys = []string{"id", "title", "description", "cards"}
	topicKeys        = []string{"id", "title"}
	objectiveKeys    = []string{"id", "topic", "title", "weight"}
	areaKeys         = []string{"id", "objective", "title"}
	termKeys         = []string{"id", "name", "objective", "kind"}
	termKinds        = []string{"utility", "file", "term"}
	examStatuses     = []string{"published", "draft"}
)

// parseBlueprint reads and checks a blueprint file. It returns nil when the
// file has any problem, each of which is added to errs.
func parseBlueprint(file string, data []byte, errs *Errors) *Blueprint {
	before := errs.Len()
	m, pos, ok := decodeTOML(file, data, errs)
	if !ok {
		return nil
	}
	root := &table{m: m, file: file, pos: pos, errs: errs}
	root.unknown(blueprintKeys)
	bp := &Blueprint{File: file}

	if t, ok := root.subtable("exam"); ok {
		t.unknown(examKeys)
		e := &bp.Exam
		e.ID, _ = t.required("id")
		if e.ID != "" && !examIDPattern.MatchString(e.ID) {
			t.errorf("id", "%q is not an exam code like 701-100", e.ID)
		}
		e.Title, _ = t.required("title")
		e.Version, _ = t.required("version")
		if e.Status, ok = t.required("status"); ok && !slices.Contains(examStatuses, e.Status) {
			t.errorf("status", "%q is not one of %v", e.Status, examStatuses)
		}
		e.Source, _ = t.str("source")
		e.Questions, _ = t.integer("questions", 1)
		e.Minutes, _ = t.integer("minutes", 1)
		e.ScoreMin, _ = t.integer("score_min", 0)
		e.ScoreMax, _ = t.integer("score_max", 1)
		e.ScorePass, _ = t.integer("score_pass", 1)
		e.WeightTotal, _ = t.integer("weight_total", 1)
		if e.ScoreMax > 0 && (e.ScorePass <= e.ScoreMin || e.ScorePass > e.ScoreMax) {
			t.errorf("score_pass", "%d is not within score_min %d and score_max %d", e.ScorePass, e.ScoreMin, e.ScoreMax)
		}
		if r, ok := t.float("pass_ratio_estimate"); ok {
			if r <= 0 || r > 1 {
				t.errorf("pass_ratio_estimate", "%g is not a share between 0 and 1", r)
			} else {
				e.PassRatioEstimate = r
			}
		}
	}

	ids := func() func(t *table, id string) {
		seen := map[string]int{}
		return func(t *table, id string) {
			if id == "" {
				return
			}
			if line, dup := seen[id]; dup {
				t.errorf("id", "%q is already defined at line %d", id, line)
				return
			}
			seen[id] = t.line("id")
		}
	}

	kinds, _ := root.tables("question_kind")
	unique := ids()
	for _, t := range kinds {
		t.unknown(questionKindKeys)
		var q QuestionKind
		q.ID, _ = t.required("id")
		unique(t, q.ID)
		q.Title, _ = t.required("title")
		q.Description, _ = t.required("description")
		if cards, ok := t.strs("cards"); ok {
			for _, c := range cards {
				if !slices.Contains(Kinds, Kind(c)) {
					t.errorf("cards", "%q is not a card kind (%s)", c, kindList())
					continue
				}
				q.Cards = append(q.Cards, Kind(c))
			}
		} else if !t.has("cards") {
			t.errorf("cards", "missing")
		}
		bp.QuestionKinds = append(bp.QuestionKinds, q)
	}
	if len(kinds) == 0 {
		root.errorf("question_kind", "missing; list the exam's question kinds as [[question_kind]] tables")
	}

	topics, _ := root.tables("topic")
	unique = ids()
	for _, t := range topics {
		t.unknown(topicKeys)
		var tp Topic
		if tp.ID, ok = t.required("id"); ok && !topicIDPattern.MatchString(tp.ID) {
			t.errorf("id", "%q is not a topic number like 702", tp.ID)
		}
		unique(t, tp.ID)
		tp.Title, _ = t.required("title")
		bp.Topics = append(bp.Topics, tp)
	}
	if len(topics) == 0 {
		root.errorf("topic", "missing; list the exam's topics as [[topic]] tables")
	}

	objectives, _ := root.tables("objective")
	unique = ids()
	sum := 0
	for _, t := range objectives {
		t.unknown(objectiveKeys)
		var o Objective
		if o.ID, ok = t.required("id"); ok && !objectiveIDPattern.MatchString(o.ID) {
			t.errorf("id", "%q is not an objective number like 702.1", o.ID)
		}
		unique(t, o.ID)
		if o.Topic, ok = t.required("topic"); ok && !slices.ContainsFunc(bp.Topics, func(tp Topic) bool { return tp.ID == o.Topic }) {
			t.errorf("topic", "%q is not a topic of this blueprint", o.Topic)
		}
		o.Title, _ = t.required("title")
		o.Weight, _ = t.integer("weight", 1)
		sum += o.Weight
		bp.Objectives = append(bp.Objectives, o)
	}
	if len(objectives) == 0 {
		root.errorf("objective", "missing; list the objectives as [[objective]] tables")
	} else if bp.Exam.WeightTotal > 0 && sum != bp.Exam.WeightTotal {
		root.errorf("objective", "the weights add up to %d, but exam.weight_total is %d", sum, bp.Exam.WeightTotal)
	}

	hasObjective := func(t *table, id string) {
		if id != "" && !slices.ContainsFunc(bp.Objectives, func(o Objective) bool { return o.ID == id }) {
			t.errorf("objective", "%q is not an objective of this blueprint", id)
		}
	}

	areas, _ := root.tables("area")
	unique = ids()
	for i, t := range areas {
		t.unknown(areaKeys)
		a := Area{Order: i + 1}
		if a.ID, ok = t.required("id"); ok && !areaIDPattern.MatchString(a.ID) {
			t.errorf("id", "%q must be lower-case letters and digits, as it names a Go package under exercises/", a.ID)
		}
		unique(t, a.ID)
		a.Objective, _ = t.required("objective")
		hasObjective(t, a.Objective)
		a.Title, _ = t.required("title")
		bp.Areas = append(bp.Areas, a)
	}
	if len(areas) == 0 {
		root.errorf("area", "missing; list the knowledge areas as [[area]] tables")
	}

	terms, _ := root.tables("term")
	unique = ids()
	for _, t := range terms {
		t.unknown(termKeys)
		var tm Term
		if tm.ID, ok = t.required("id"); ok && !termIDPattern.MatchString(tm.ID) {
			t.errorf("id", "%q must be lower-case letters, digits and hyphens", tm.ID)
		}
		unique(t, tm.ID)
		tm.Name, _ = t.required("name")
		tm.Objective, _ = t.required("objective")
		hasObjective(t, tm.Objective)
		if tm.Kind, ok = t.required("kind"); ok && !slices.Contains(termKinds, tm.Kind) {
			t.errorf("kind", "%q is not one of %v", tm.Kind, termKinds)
		}
		bp.Terms = append(bp.Terms, tm)
	}

	if errs.Len() > before {
		return nil
	}
	return bp
}

// kindList lists the card kinds for messages.
func kindList() string {
	s := ""
	for i, k := range Kinds {
		if i > 0 {
			s += ", "
		}
		s += strconv.Quote(string(k))
	}
	return s
}
