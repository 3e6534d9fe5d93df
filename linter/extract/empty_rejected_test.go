package extract

import (
	"strings"
	"testing"
)

// Every attribute emptyRejected names is a policy attribute of the
// consumer table: a misspelt entry would never match.
func TestEmptyRejectedAreConsumers(t *testing.T) {
	for key := range emptyRejected {
		typ, attrName, ok := strings.Cut(key, ".")
		if !ok {
			t.Errorf("%s: not type.attribute", key)
			continue
		}
		found := false
		for _, c := range consumers[typ] {
			if strings.Join(c.Path, ".") == attrName {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no such consumer in the table", key)
		}
	}
}
