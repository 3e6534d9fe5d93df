package iam

import "testing"

func TestScopeText(t *testing.T) {
	u := UnknownPart
	for _, c := range []struct {
		v       Value
		want    string
		ok      bool
		display string
	}{
		{Value{Text: "*", Known: true}, "*", true, "*"},
		{Value{}, "", false, "(known after apply)"},
		{partialValue("arn:aws:iam::" + u + ":role/*"), "arn:aws:iam::123456789012:role/*", true, "arn:aws:iam::${...}:role/*"},
		{partialValue("arn:" + u + ":iam::*:role/*"), "arn:aws:iam::*:role/*", true, "arn:${...}:iam::*:role/*"},
		{partialValue("arn:aws:lambda:" + u + ":" + u + ":function:*"), "arn:aws:lambda:us-east-1:123456789012:function:*", true, "arn:aws:lambda:${...}:${...}:function:*"},
		// The resource part or the service unknown: the reach is unknown.
		{partialValue("arn:aws:iam::123456789012:role/" + u), "", false, "arn:aws:iam::123456789012:role/${...}"},
		{partialValue("arn:aws:" + u + "::123456789012:*"), "", false, "arn:aws:${...}::123456789012:*"},
		{partialValue(u + "*"), "", false, "${...}*"},
		{partialValue("arn:aws:iam::" + u), "", false, "arn:aws:iam::${...}"},
	} {
		got, ok := c.v.ScopeText()
		if got != c.want || ok != c.ok {
			t.Errorf("%q.ScopeText() = %q, %v; want %q, %v", c.v.Partial(), got, ok, c.want, c.ok)
		}
		if d := c.v.Display(); d != c.display {
			t.Errorf("%q.Display() = %q, want %q", c.v.Partial(), d, c.display)
		}
	}
}

func partialValue(text string) Value {
	var v Value
	v.SetPartial(text)
	return v
}

func TestValuePartial(t *testing.T) {
	var a, b Value
	a.SetPartial("arn:aws:iam::" + UnknownPart + ":root")
	b.SetPartial("arn:aws:iam::" + UnknownPart + ":root")
	if a.Partial() != "arn:aws:iam::"+UnknownPart+":root" || a != b {
		t.Errorf("Partial() = %q; equal values %v", a.Partial(), a == b)
	}
	a.SetPartial("")
	if a.Partial() != "" || a != (Value{}) {
		t.Errorf("after SetPartial(\"\"): %q, zero %v", a.Partial(), a == Value{})
	}
	if (Value{Text: "x", Known: true}).Partial() != "" {
		t.Error("a known value has a partial text")
	}
}
