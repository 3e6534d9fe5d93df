package iam

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Kind is the kind of a policy, taken from the attribute that consumes it.
type Kind string

// Policy kinds.
const (
	Identity Kind = "identity" // user, group, role, managed policy, permission set, boundary
	Trust    Kind = "trust"    // aws_iam_role.assume_role_policy
	Resource Kind = "resource" // S3, KMS, SQS, SNS, Lambda permission, ...
	SCP      Kind = "scp"      // aws_organizations_policy
)

// Value is one leaf of the model: a string as IAM sees it, or unknown.
//
// Unknown (Known == false) means the value cannot be known before apply. It is
// never a wildcard and is never dropped: rules that need the value skip it,
// rules that count elements still see it.
//
// A Value is 48 bytes (the model holds millions on big inputs): the partial
// text of an unknown value, which few values have, is kept in a
// process-wide table (see Partial, SetPartial).
type Value struct {
	Text  string
	Range Range
	Known bool

	// partial is the id of the partial text in partialTexts (0: none).
	partial uint32
}

// partialTexts holds the partial texts of unknown values (Value.Partial) for
// the life of the process, each once.
var partialTexts = newInternTable()

// Partial returns the text of an unknown value that is a string known in
// part (a template such as "arn:aws:iam::${data.x.account_id}:role/*") with
// each unknown part replaced by UnknownPart, set by SetPartial; "" for any
// other value. See ScopeText.
func (v Value) Partial() string {
	if v.partial == 0 {
		return ""
	}
	return partialTexts.name(v.partial)
}

// SetPartial sets the partial text of v (see Partial); "" removes it. It is
// safe for concurrent use (on different values).
func (v *Value) SetPartial(text string) {
	v.partial = 0
	if text != "" {
		v.partial = partialTexts.id(text)
	}
}

// UnknownPart stands for an unknown interpolation in Value.Partial (the same
// marker the evaluator puts in partly unknown template text).
const UnknownPart = "__IAMLINT_UNKNOWN__"

// neutralARNField stands in, in ScopeText, for an ARN field (partition,
// region, account) whose value is unknown: some specific value, never a
// wildcard.
var neutralARNField = [5]string{1: "aws", 3: "us-east-1", 4: "123456789012"}

// ScopeText returns the text to judge the reach of a resource value by: the
// text of a known value, or, for a partly known ARN whose unknown parts lie
// only in its partition, region or account, that ARN with each such field
// replaced by one specific value (an unknown account is some account, not
// every account). ok is false when the reach cannot be known.
func (v Value) ScopeText() (text string, ok bool) {
	if v.Known {
		return v.Text, true
	}
	partial := v.Partial()
	if partial == "" || !strings.HasPrefix(partial, "arn:") {
		return "", false
	}
	f := strings.SplitN(partial, ":", 6)
	if len(f) != 6 || strings.Contains(f[2], UnknownPart) || strings.Contains(f[5], UnknownPart) {
		return "", false
	}
	for _, i := range []int{1, 3, 4} {
		if strings.Contains(f[i], UnknownPart) {
			f[i] = neutralARNField[i]
		}
	}
	return strings.Join(f, ":"), true
}

// Display returns the text of v for messages: the text when known, the known
// parts with "${...}" for the unknown ones when partly known, else
// "(known after apply)".
func (v Value) Display() string {
	if v.Known {
		return v.Text
	}
	if partial := v.Partial(); partial != "" {
		return strings.ReplaceAll(partial, UnknownPart, "${...}")
	}
	return "(known after apply)"
}

// KnownValue returns a known value.
func KnownValue(text string, rng hcl.Range) Value {
	return Value{Text: text, Known: true, Range: MakeRange(rng)}
}

// KnownValueAt returns a known value at a compact range.
func KnownValueAt(text string, rng Range) Value { return Value{Text: text, Known: true, Range: rng} }

// UnknownValue returns a value that cannot be known before apply.
func UnknownValue(rng hcl.Range) Value { return Value{Range: MakeRange(rng)} }

// Is reports whether v is known and equal to s.
func (v Value) Is(s string) bool { return v.Known && v.Text == s }

// Principal is one entry of Principal / NotPrincipal.
//
// The bare form `"Principal": "*"` is Type "*" and ID "*". `{"AWS": ["a","b"]}`
// is two principals of Type "AWS".
type Principal struct {
	Type Value // AWS, Service, Federated, CanonicalUser, or "*"
	ID   Value
	// Bare is set for a JSON Principal that is a string other than "*"
	// (taken as an AWS principal; IAM rejects it).
	Bare bool
}

// IsWildcard reports whether the principal is everyone: "*" or {"AWS": "*"}.
func (p Principal) IsWildcard() bool {
	return p.ID.Is("*") && (p.Type.Is("*") || p.Type.Is("AWS"))
}

// Empty reports whether the principal is known and empty or white space
// only ("" from a variable left at an empty default): it names nobody.
func (p Principal) Empty() bool { return p.ID.Known && strings.TrimSpace(p.ID.Text) == "" }

// Condition is one (operator, key) pair of a Condition block with its values.
type Condition struct {
	Operator Value // StringEquals, ForAnyValue:StringLike, BoolIfExists, ...
	Key      Value // aws:SourceArn, ...
	Values   []Value
}

// BlankKey reports whether the condition's key is known and empty or
// white space only ("", " "): a key no request carries.
func (c Condition) BlankKey() bool { return c.Key.Known && strings.TrimSpace(c.Key.Text) == "" }

// Element is one element of a statement that is present (Action, NotAction, ...).
type Element struct {
	Present bool
	Range   Range // the element's key (or attribute) range: what a finding about the element points at
}

// Statement is one IAM policy statement.
//
// The elements that few statements have are kept out of line, and Effect
// and Sid are Words, so that a Statement is 160 bytes instead of 576 (big plans
// hold hundreds of thousands): Principal and Condition (which identity policies, most
// policies, do not have) in Scope, and NotAction, NotResource, NotPrincipal
// and the unrecognized members in Extra. Read them through the methods of
// the same names (Principals, Principal, NotActions, NotAction, ...), which
// return the zero value when Scope or Extra is nil, and set them through
// SetScope, MutableScope, SetExtra or MutableExtra.
type Statement struct {
	Actions   []Value
	Resources []Value

	// Scope holds the Principal and Condition elements; nil when the
	// statement has neither.
	Scope *StatementScope

	// Extra holds the rarely present elements; nil when the statement has
	// none of them.
	Extra *StatementExtra

	// Which elements are present, and where their keys are.
	Action, Resource Element

	effect Word // Effect, SetEffect
	sid    Word // Sid, SetSid

	Range Range // the statement itself (the `{` of the JSON object, or the statement block)
}

// StatementScope holds the Principal and Condition elements of a
// Statement. See Statement.
type StatementScope struct {
	Principals []Principal
	Conditions []Condition

	// Which elements are present, and where their keys are.
	Principal, Condition Element
}

// isZero reports whether sc holds nothing.
func (sc *StatementScope) isZero() bool {
	return sc.Principals == nil && sc.Conditions == nil && sc.Principal == (Element{}) && sc.Condition == (Element{})
}

// SetScope sets the Principal and Condition elements of s to sc: Scope is
// nil when sc holds nothing.
func (s *Statement) SetScope(sc StatementScope) {
	if sc.isZero() {
		s.Scope = nil
		return
	}
	s.Scope = new(StatementScope)
	*s.Scope = sc
}

// MutableScope returns s.Scope, allocating it when nil, for setting the
// Principal or Condition element.
func (s *Statement) MutableScope() *StatementScope {
	if s.Scope == nil {
		s.Scope = &StatementScope{}
	}
	return s.Scope
}

// Principals returns the principals of Principal (nil when absent).
func (s *Statement) Principals() []Principal {
	if s.Scope == nil {
		return nil
	}
	return s.Scope.Principals
}

// Conditions returns the conditions of Condition (nil when absent).
func (s *Statement) Conditions() []Condition {
	if s.Scope == nil {
		return nil
	}
	return s.Scope.Conditions
}

// Principal returns the Principal element (not Present when absent).
func (s *Statement) Principal() Element {
	if s.Scope == nil {
		return Element{}
	}
	return s.Scope.Principal
}

// Condition returns the Condition element (not Present when absent).
func (s *Statement) Condition() Element {
	if s.Scope == nil {
		return Element{}
	}
	return s.Scope.Condition
}

// StatementExtra holds the elements of a Statement that few statements
// have. See Statement.
type StatementExtra struct {
	NotActions    []Value
	NotResources  []Value
	NotPrincipals []Principal

	// Which elements are present, and where their keys are.
	NotAction, NotResource, NotPrincipal Element

	// Unrecognized holds the members of the statement object that are not IAM
	// statement elements ("Actions", "Resources", "Condtion"): Text is the key
	// as written and Range the key's range. Filled by FromTree; judged by the
	// policy-invalid rule.
	Unrecognized []Value

	// sid is the Sid of the statement when it is not held as a Word (see
	// SetSid): a long text, or one met when the table of Words is full.
	sid Value
}

// isZero reports whether e holds nothing.
func (e *StatementExtra) isZero() bool {
	return e.NotActions == nil && e.NotResources == nil && e.NotPrincipals == nil &&
		e.NotAction == (Element{}) && e.NotResource == (Element{}) && e.NotPrincipal == (Element{}) &&
		e.Unrecognized == nil && e.sid == (Value{})
}

// SetExtra sets the rarely present elements of s to e: Extra is nil when e
// holds nothing. The Sid of s is kept (it may be held in Extra, see SetSid).
func (s *Statement) SetExtra(e StatementExtra) {
	e.sid = Value{}
	if s.sid.w == sidInExtra {
		e.sid = s.Extra.sid
	}
	if e.isZero() {
		s.Extra = nil
		return
	}
	// A copy, not &e: e would be allocated on every call, zero or not.
	s.Extra = new(StatementExtra)
	*s.Extra = e
}

// MutableExtra returns s.Extra, allocating it when nil, for setting one of
// the rarely present elements.
func (s *Statement) MutableExtra() *StatementExtra {
	if s.Extra == nil {
		s.Extra = &StatementExtra{}
	}
	return s.Extra
}

// GrantsAction reports whether the statement covers action (a name
// without wildcards) through Action or NotAction, and the element that
// grants it (NotAction's, for a NotAction); unknown values never grant.
func (s *Statement) GrantsAction(action string) (Value, bool) {
	return s.GrantsActionMatching(func(pattern string) bool { return MatchAction(pattern, action) })
}

// GrantsActionMatching is GrantsAction with the test of an action pattern
// given: match(pattern) tells whether pattern matches the action (a
// caller may memoize it).
func (s *Statement) GrantsActionMatching(match func(pattern string) bool) (Value, bool) {
	if s.NotAction().Present {
		for _, a := range s.NotActions() {
			if !a.Known || match(a.Text) {
				return Value{}, false
			}
		}
		return KnownValueAt("NotAction", s.NotAction().Range), true
	}
	for _, a := range s.Actions {
		if a.Known && match(a.Text) {
			return a, true
		}
	}
	return Value{}, false
}

// NotActions returns the values of NotAction (nil when absent).
func (s *Statement) NotActions() []Value {
	if s.Extra == nil {
		return nil
	}
	return s.Extra.NotActions
}

// NotResources returns the values of NotResource (nil when absent).
func (s *Statement) NotResources() []Value {
	if s.Extra == nil {
		return nil
	}
	return s.Extra.NotResources
}

// NotPrincipals returns the principals of NotPrincipal (nil when absent).
func (s *Statement) NotPrincipals() []Principal {
	if s.Extra == nil {
		return nil
	}
	return s.Extra.NotPrincipals
}

// NotAction returns the NotAction element (not Present when absent).
func (s *Statement) NotAction() Element {
	if s.Extra == nil {
		return Element{}
	}
	return s.Extra.NotAction
}

// NotResource returns the NotResource element (not Present when absent).
func (s *Statement) NotResource() Element {
	if s.Extra == nil {
		return Element{}
	}
	return s.Extra.NotResource
}

// NotPrincipal returns the NotPrincipal element (not Present when absent).
func (s *Statement) NotPrincipal() Element {
	if s.Extra == nil {
		return Element{}
	}
	return s.Extra.NotPrincipal
}

// Unrecognized returns the members of the statement object that are not
// IAM statement elements (see StatementExtra.Unrecognized).
func (s *Statement) Unrecognized() []Value {
	if s.Extra == nil {
		return nil
	}
	return s.Extra.Unrecognized
}

// IsAllow reports whether the statement is known to be a grant.
func (s *Statement) IsAllow() bool { return s.effect.w == allowWord }

// IsDeny reports whether the statement is known to be a Deny.
func (s *Statement) IsDeny() bool { return s.effect.w == denyWord }

// Related is a secondary location of a finding or document: a module call, a
// contributing statement.
type Related struct {
	Range   hcl.Range
	Message string
}

// Document is one IAM policy as consumed by one attribute.
//
// Big plans hold hundreds of thousands of documents: a Document is 200
// bytes (it was 384). Its Range is a compact Range, its Version a Word, and
// the parts that few documents have (merged statements, unrecognized members, malformed
// elements, parse errors) are kept out of line, in Extra: read them through
// the methods of the same names (Merged, Unrecognized, ...), which return
// nil when Extra is nil, and set them through MutableExtra.
type Document struct {
	Kind         Kind
	Address      string // Terraform address of the block that holds the policy text
	ResourceType string // aws_iam_role, data.aws_iam_policy_document is "aws_iam_policy_document"
	Attribute    string // the consuming attribute: policy, assume_role_policy, ...

	version Word  // Version, SetVersion
	Range   Range // the policy expression

	// Unknown is true when the document, or a part of it that could hold
	// statements, cannot be known before apply. Statements holds what is known.
	Unknown bool

	// Managed is true for the document of an AWS managed policy taken from the
	// embedded snapshot (package awsdata) and attached to a principal in the
	// graph. Such documents are not in Model.Documents and are AWS's own text:
	// document-level rules must not judge them; effective permissions and
	// admin-policy-attached read them.
	Managed bool

	// ownsTexts is set by the parse of a policy text (ownTexts): the
	// texts of Statements are none of them part of a bigger string the
	// Document was built from (see TextsOwned).
	ownsTexts bool

	// Standalone is set on the documents of a module directory linted on
	// its own (its variables at their defaults) that another root module
	// of the run calls: the called instances, with the caller's inputs,
	// are the ones that deploy. A value left empty by a default ("" for a
	// policy or a principal the caller always passes) is no mistake there.
	// (It takes the last byte free before Statements: Document stays 200
	// bytes.)
	Standalone bool

	Statements []*Statement

	// Related holds the module call chain (outermost call last) of the module
	// instance that holds the document.
	Related []Related

	// Size is the length of the policy JSON without white space, when it is known (0 otherwise).
	Size int

	// PolicyName and PolicyPath are the name and path of a customer managed
	// policy (aws_iam_policy) when they are known ("" otherwise; path "/"
	// when not set), so rules can tell which ARNs name it.
	PolicyName, PolicyPath string

	// Extra holds the rarely present parts; nil when the document has none
	// of them.
	Extra *DocumentExtra
}

// DocumentExtra holds the parts of a Document that few documents have. See
// Document.
type DocumentExtra struct {
	// Merged is set on a data aws_iam_policy_document that merges others
	// (source_policy_documents, override_policy_documents): every statement
	// of the policy AWS receives, its own and the merged ones (after
	// override by Sid), in order. Statements holds only its own, which is
	// what statement-level rules judge here (the others are judged on the
	// documents that write them); rules about the policy as a whole (a
	// combination of statements, a Deny cancelling an Allow) read
	// AllStatements.
	Merged []*Statement

	// Unrecognized holds the top-level members of the policy object that are
	// not Version, Id or Statement (key text and key range). Filled by FromTree.
	Unrecognized []Value

	// Malformed holds the elements of the wrong JSON type that FromTree
	// ignored (a Statement that is a string, an operator that holds no
	// object, ...), each with why (Text) and where (Range): IAM rejects them.
	Malformed []Value

	// ParseErrors holds, for policy text that is not valid JSON, each parse
	// error (Text: what is wrong) at its exact position. Such a document has
	// no statements and is Unknown; rule policy-invalid reports the errors.
	ParseErrors []Value

	// Unread is set on a document that was not read: its policy is past
	// a bound of the run (the values of the policies of one root module,
	// see package extract), which an error reports. Such a document has
	// no statements and is Unknown; it is not "unknown before apply".
	Unread bool

	// Empty is set on the document of a policy attribute that holds an
	// empty string where the provider requires a policy (ParseErrors says
	// so).
	Empty bool
}

// TextsOwned reports whether d was built by FromJSONString,
// FromJSONStringInto or FromJSONLiteralInto: the texts its Statements held
// then (Actions, Resources, principals, conditions, Sids) are its own or
// the process's tables' (see ownTexts), none of them part of the policy
// text or of the input it was read from. A caller that copies the texts of
// a model out of the input's bytes (linter's dropPlanBytes) need not walk
// those statements. Statements set on d afterwards (none are, but for a
// subset of them on a copy) are not covered.
func (d *Document) TextsOwned() bool { return d.ownsTexts }

// MutableExtra returns d.Extra, allocating it when nil, for setting one of
// the rarely present parts.
func (d *Document) MutableExtra() *DocumentExtra {
	if d.Extra == nil {
		d.Extra = &DocumentExtra{}
	}
	return d.Extra
}

// Merged returns the statements of the policy AWS receives when d merges
// others, else nil (see DocumentExtra.Merged).
func (d *Document) Merged() []*Statement {
	if d.Extra == nil {
		return nil
	}
	return d.Extra.Merged
}

// Unrecognized returns the unrecognized top-level members of the policy
// object (see DocumentExtra.Unrecognized).
func (d *Document) Unrecognized() []Value {
	if d.Extra == nil {
		return nil
	}
	return d.Extra.Unrecognized
}

// Malformed returns the elements of the wrong JSON type (see
// DocumentExtra.Malformed).
func (d *Document) Malformed() []Value {
	if d.Extra == nil {
		return nil
	}
	return d.Extra.Malformed
}

// ParseErrors returns the parse errors of policy text that is not valid
// JSON (see DocumentExtra.ParseErrors).
func (d *Document) ParseErrors() []Value {
	if d.Extra == nil {
		return nil
	}
	return d.Extra.ParseErrors
}

// Unread reports whether d was not read (see DocumentExtra.Unread).
func (d *Document) Unread() bool { return d.Extra != nil && d.Extra.Unread }

// Empty reports whether d is an empty string where the provider requires a
// policy (DocumentExtra.Empty).
func (d *Document) Empty() bool { return d.Extra != nil && d.Extra.Empty }

// StandaloneMatters reports whether a rule judges d otherwise when it is
// Standalone: d is Empty, or a statement of it names an empty principal
// (Principal.Empty) or tests a blank condition key (Condition.BlankKey),
// each of which policy-invalid leaves to the callers' instances of a
// Standalone document. A runner that does not know yet whether d's module
// directory is called lints such a document both ways.
func (d *Document) StandaloneMatters() bool {
	if d.Empty() {
		return true
	}
	for _, s := range d.Statements {
		if s == nil {
			continue
		}
		for _, ps := range [][]Principal{s.Principals(), s.NotPrincipals()} {
			for _, pr := range ps {
				if pr.Empty() {
					return true
				}
			}
		}
		for _, c := range s.Conditions() {
			if c.BlankKey() {
				return true
			}
		}
	}
	return false
}

// AllStatements returns every statement of the policy AWS receives: Merged
// when the document merges others, else Statements.
func (d *Document) AllStatements() []*Statement {
	if m := d.Merged(); m != nil {
		return m
	}
	return d.Statements
}

// Model is everything the rules read.
type Model struct {
	Documents []*Document
	Graph     *Graph
}

// UnknownValueAt returns a value that cannot be known before apply, at a
// compact range.
func UnknownValueAt(rng Range) Value { return Value{Range: rng} }
