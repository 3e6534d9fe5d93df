package iam

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestSid: a Sid reads back as it was set, whether it is held as a Word or
// in Extra (a long one, or any new one once the table is full), and
// SetExtra and a later SetSid keep the other elements.
func TestSid(t *testing.T) {
	r := MakeRange(hcl.Range{Filename: "sid.json", Start: hcl.Pos{Line: 1, Column: 2, Byte: 1}, End: hcl.Pos{Line: 1, Column: 5, Byte: 4}})
	long := strings.Repeat("x", sidWordMax+1)
	var s Statement
	if got := s.Sid(); got != (Value{}) {
		t.Errorf("zero statement: Sid %+v", got)
	}
	s.SetSid(KnownValueAt("S1", r))
	if got := s.Sid(); got != KnownValueAt("S1", r) || s.Extra != nil {
		t.Errorf("short Sid: %+v, Extra %v", got, s.Extra)
	}
	s.EditSidText(func(*string) { t.Error("EditSidText called for a Sid held as a Word") })
	s.SetSid(KnownValueAt(long, r))
	if got := s.Sid(); got != KnownValueAt(long, r) || s.Extra == nil {
		t.Errorf("long Sid: %+v, Extra %v", got, s.Extra)
	}
	edited := 0
	s.EditSidText(func(p *string) { edited++; *p = strings.Clone(*p) })
	if got := s.Sid(); edited != 1 || got != KnownValueAt(long, r) {
		t.Errorf("EditSidText: %d calls, Sid %+v", edited, got)
	}
	s.SetExtra(StatementExtra{NotAction: Element{Present: true, Range: r}})
	if got := s.Sid(); got != KnownValueAt(long, r) || !s.NotAction().Present {
		t.Errorf("after SetExtra: Sid %+v, NotAction %+v", got, s.NotAction())
	}
	s.SetSid(KnownValueAt("", r))
	if got := s.Sid(); got != KnownValueAt("", r) || !s.NotAction().Present {
		t.Errorf("after SetSid: Sid %+v, NotAction %+v", got, s.NotAction())
	}
	s.SetExtra(StatementExtra{})
	if s.Extra != nil {
		t.Errorf("Extra %+v, want nil", s.Extra)
	}
	s.SetSid(KnownValueAt(long, r))
	s.SetSid(UnknownValueAt(r))
	if got := s.Sid(); got != UnknownValueAt(r) || s.Extra != nil {
		t.Errorf("unknown Sid: %+v, Extra %v", got, s.Extra)
	}
	u := UnknownValueAt(r)
	u.SetPartial("S-" + UnknownPart)
	s.SetSid(u)
	if got := s.Sid(); got != u {
		t.Errorf("partial Sid: %+v", got)
	}

	// Fill the table: new Sids go to Extra, known ones stay Words.
	for i := 0; ; i++ {
		if _, ok := wordTexts.idIfRoom(fmt.Sprintf("sid-test-%d", i), sidWordsMax); !ok {
			break
		}
	}
	s.SetSid(KnownValueAt("S1", r))
	if got := s.Sid(); got != KnownValueAt("S1", r) || s.Extra != nil {
		t.Errorf("known Sid, table full: %+v, Extra %v", got, s.Extra)
	}
	s.SetSid(KnownValueAt("a new one", r))
	if got := s.Sid(); got != KnownValueAt("a new one", r) || s.Extra == nil {
		t.Errorf("new Sid, table full: %+v, Extra %v", got, s.Extra)
	}
	for _, src := range fastSeeds {
		src = strings.ReplaceAll(src, `"Sid":"S0"`, `"Sid":"S0 once the table is full"`)
		checkFast(t, src, FileMapper("f.json", []byte(src)))
	}
}
