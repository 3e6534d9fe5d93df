package eval

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

var (
	baseFuncsOnce sync.Once
	baseFuncs     map[string]function.Function
)

// Functions returns Terraform's functions as far as iamlint implements them
// (without the file functions, which depend on a module instance).
func Functions() map[string]function.Function {
	baseFuncsOnce.Do(func() { baseFuncs = makeFuncs() })
	return baseFuncs
}

func makeFuncs() map[string]function.Function {
	f := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc,
		"chomp":  stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
		"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"upper":     stdlib.UpperFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": distinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": lookupFunc, "merge": stdlib.MergeFunc,
		"range": rangeFunc, "reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": setProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": jsonDecodeFunc, "csvdecode": stdlib.CSVDecodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool),
		"tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset":  stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap":  stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try":    tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"replace": replaceFunc,
		"index":   indexFunc, "one": oneFunc, "sum": sumFunc, "alltrue": allTrueFunc, "anytrue": anyTrueFunc,
		"startswith": strPredFunc(strings.HasPrefix), "endswith": strPredFunc(strings.HasSuffix),
		"strcontains":  strPredFunc(strings.Contains),
		"base64encode": strFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			if err == nil && !utf8.Valid(b) {
				// As Terraform: a string holds text (textdecodebase64 reads other encodings).
				err = errors.New("the result of decoding the provided string is not valid UTF-8")
			}
			return string(b), err
		}),
		"urlencode": strFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"md5":       hashFunc(md5.New), "sha1": hashFunc(sha1.New), "sha256": hashFunc(sha256.New), "sha512": hashFunc(sha512.New),
		"base64sha256": strFunc(func(s string) (string, error) {
			h := sha256.Sum256([]byte(s))
			return base64.StdEncoding.EncodeToString(h[:]), nil
		}),
		"base64sha512": strFunc(func(s string) (string, error) {
			h := sha512.Sum512([]byte(s))
			return base64.StdEncoding.EncodeToString(h[:]), nil
		}),
		"uuid":          unknownFunc(cty.String),
		"timestamp":     unknownFunc(cty.String),
		"plantimestamp": unknownFunc(cty.String),
		"fileset":       unknownFunc(cty.Set(cty.String)),
		"filebase64":    unknownFunc(cty.String), "filemd5": unknownFunc(cty.String),
		"filesha256": unknownFunc(cty.String), "filebase64sha256": unknownFunc(cty.String),
		"filesha1": unknownFunc(cty.String), "filesha512": unknownFunc(cty.String),
		"filebase64sha512": unknownFunc(cty.String),
		"rsadecrypt":       unknownFunc(cty.String), // a secret: never decrypted
		"ephemeralasnull":  identityFunc, "provider::terraform::encode_tfvars": unknownFunc(cty.String),
		"bcrypt":     unknownFunc(cty.String),
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc,
		"cidrnetmask": cidrNetmaskFunc, "cidrsubnets": cidrSubnetsFunc,
		"timecmp": timecmpFunc, "uuidv5": uuidv5Func, "base64gzip": base64gzipFunc,
		"textencodebase64": textEncodeBase64Func, "textdecodebase64": textDecodeBase64Func,
		"sensitive": identityFunc, "nonsensitive": identityFunc,
		"type":        unknownFunc(cty.DynamicPseudoType),
		"transpose":   transposeFunc,
		"matchkeys":   matchkeysFunc,
		"issensitive": unknownFunc(cty.Bool),
		"yamlencode":  unknownFunc(cty.String),
		"yamldecode":  unknownFunc(cty.DynamicPseudoType),
		"abspath":     strFunc(func(s string) (string, error) { return s, nil }),
		// Terraform's are Go's filepath.Dir and filepath.Base: with the
		// separators of Linux (path), where CI runs: dirname("/a") is "/",
		// basename("a/b/") is "b" (they were "" and "").
		"dirname":  strFunc(func(s string) (string, error) { return path.Dir(s), nil }),
		"basename": strFunc(func(s string) (string, error) { return path.Base(s), nil }),
		// pathexpand replaces a leading ~ by the home directory of the
		// machine that runs Terraform: not known here (and never read), so
		// the value is unknown; another path is returned as it is.
		"pathexpand": pathexpandFunc,
		// The AWS provider's functions (Terraform 1.8+), under the
		// provider's usual local name.
		"provider::aws::arn_build":          arnBuildFunc,
		"provider::aws::arn_parse":          arnParseFunc,
		"provider::aws::trim_iam_role_path": strFunc(trimIAMRolePath),
	}
	return f
}

// functions returns the functions of a module instance (the base set plus
// the file functions, for expressions evaluated by hcl itself).
func (s *scope) functions() map[string]function.Function {
	if s.funcs != nil {
		return s.funcs
	}
	base := hclFunctions()
	m := make(map[string]function.Function, len(base)+3)
	for k, v := range base {
		m[k] = v
	}
	e := &env{s: s}
	m["file"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return e.fileCall(&Node{Val: args[0]}, hcl.Range{}).Val, nil
		},
	})
	m["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return e.templateFile(&Node{Val: args[0]}, &Node{Val: args[1]}, hcl.Range{}).Val, nil
		},
	})
	m["templatestring"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "template", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return e.templateString(&Node{Val: args[0]}, &Node{Val: args[1]}, hcl.Range{}).Val, nil
		},
	})
	m["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return e.fileExists(&Node{Val: args[0]}, hcl.Range{}).Val, nil
		},
	})
	for _, name := range []string{"filebase64", "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512"} {
		m[name] = function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String, AllowUnknown: true}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return e.fileDigest(&Node{Val: args[0]}, hcl.Range{}).Val, nil
			},
		})
	}
	// Where hcl evaluates a call (a for expression over many elements,
	// try, can), fileset lists the files as the located call does: it was
	// always unknown there, without a word.
	m["fileset"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return e.fileSet(&Node{Val: args[0]}, &Node{Val: args[1]}, hcl.Range{}).Val, nil
		},
	})
	m["try"] = tryTakingFunc(s.ev)
	s.funcs = m
	return m
}

// templateFunctions is functions for hcl evaluating an expression inside a
// template: templatefile and templatestring are errors there, as in
// Terraform (see recursiveTemplate). The table of functions knows no
// template: a %{ for } whose elements were unknown, handed to hcl, called
// templatefile again at the top (12 to 27 CPU s and a GB for a template
// that calls itself in a loop).
func (s *scope) templateFunctions() map[string]function.Function {
	if s.tfuncs != nil {
		return s.tfuncs
	}
	base := s.functions()
	m := make(map[string]function.Function, len(base))
	for k, v := range base {
		m[k] = v
	}
	for _, name := range []string{"templatefile", "templatestring"} {
		m[name] = function.New(&function.Spec{
			Params: base[name].Params(),
			Type: func([]cty.Value) (cty.Type, error) {
				return cty.NilType, fmt.Errorf("cannot recursively call %s from inside another template function", name)
			},
		})
	}
	s.tfuncs = m
	return m
}

// tryTakingFunc is hcl's try function (tryfunc.TryFunc, its code), which
// also tells ev which argument it took when it is the call env.try
// evaluates (its arguments are ev.tryArgs): the first that evaluates
// without error. hcl calls it twice (Type, Impl), with the same answer.
func tryTakingFunc(ev *evaluator) function.Function {
	try := func(args []cty.Value) (cty.Value, error) {
		if len(args) == 0 {
			return cty.NilVal, errors.New("at least one argument is required")
		}
		var diags hcl.Diagnostics
		for i, arg := range args {
			closure := customdecode.ExpressionClosureFromVal(arg)
			v, moreDiags := closure.Value()
			diags = append(diags, moreDiags...)
			if moreDiags.HasErrors() {
				continue
			}
			if !v.IsWhollyKnown() {
				return cty.DynamicVal, nil
			}
			if ev != nil && len(args) == len(ev.tryArgs) && closure.Expression == hcl.Expression(ev.tryArgs[i]) {
				ev.tryTook = i
			}
			return v, nil
		}
		var buf strings.Builder
		buf.WriteString("no expression succeeded:\n")
		for _, diag := range diags {
			if diag.Subject != nil {
				fmt.Fprintf(&buf, "- %s (at %s)\n  %s\n", diag.Summary, diag.Subject, diag.Detail)
			} else {
				fmt.Fprintf(&buf, "- %s\n  %s\n", diag.Summary, diag.Detail)
			}
		}
		buf.WriteString("\nAt least one expression must produce a successful result")
		return cty.NilVal, errors.New(buf.String())
	}
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
		Type: func(args []cty.Value) (cty.Type, error) {
			v, err := try(args)
			if err != nil {
				return cty.NilType, err
			}
			return v.Type(), nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return try(args) },
	})
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

// unknownFunc is a function whose result cannot be known before apply (or
// that iamlint does not compute).
func unknownFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(ty),
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.UnknownVal(ty), nil },
	})
}

// pathexpandFunc is Terraform's pathexpand: a path that starts with "~"
// (alone or followed by a separator) is unknown, another one is returned
// as it is.
var pathexpandFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "path", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s := args[0].AsString()
		if s == "~" || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, `~\`) {
			return cty.UnknownVal(cty.String), nil
		}
		return args[0], nil
	},
})

func strFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func strPredFunc(fn func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func hashFunc(h func() hash.Hash) function.Function {
	return strFunc(func(s string) (string, error) {
		x := h()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil)), nil
	})
}

// replaceFunc is Terraform's replace: substr wrapped in slashes is a regexp.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, sub, rep := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(re.ReplaceAllString(str, rep)), nil
		}
		return cty.StringVal(strings.ReplaceAll(str, sub, rep)), nil
	},
})

var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		l := args[0]
		if !(l.Type().IsListType() || l.Type().IsTupleType()) {
			return cty.UnknownVal(cty.Number), errors.New("argument must be a list or tuple")
		}
		if !l.IsWhollyKnown() || !args[1].IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		i := 0
		for it := l.ElementIterator(); it.Next(); i++ {
			_, v := it.Element()
			if eq := v.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.UnknownVal(cty.Number), errors.New("item not found")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType() || ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType() && len(ty.TupleElementTypes()) == 1:
			return ty.TupleElementTypes()[0], nil
		case ty.IsTupleType() && len(ty.TupleElementTypes()) == 0:
			return cty.DynamicPseudoType, nil
		}
		return cty.DynamicPseudoType, errors.New("must be a list, set or tuple with at most one element")
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsKnown() {
			return cty.UnknownVal(ret), nil
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(ret), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e, nil
		}
		return cty.UnknownVal(ret), errors.New("must have at most one element")
	},
})

// sumFunc is sum: sumSlow, but for a known list or tuple holding no mark,
// whose numbers are added off its internal value (sumRaw). Its parameter
// takes marked and unknown values, so that Function.Call does not copy the
// argument to unmark it (UnmarkDeep: a value and a number of each index
// made for each element, and IsWhollyKnown's walk another): over a list
// of 240,000 numbers about 400 bytes an element of garbage at each call.
// Anything else is sumSlow's, marks and all.
var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if v, ok := sumRaw(args[0]); ok {
			return v, nil
		}
		return sumSlow.Call(args)
	},
})

// sumRaw is the sum of the known numbers of v, a known list or tuple that
// holds no mark and no unknown, added off its internal value; ok is false
// for anything else. Integers of 64 bits at a precision of 64 bits or more
// (cty's integers, parsed numbers) are added as int64 while the total fits:
// the same value and precision as big.Float's Add, which allocates for each
// element whose exponent differs from the total's.
func sumRaw(v cty.Value) (cty.Value, bool) {
	raw, _, _, ok := rawElems(v)
	if !ok || len(raw) == 0 {
		return cty.NilVal, false
	}
	if unknown, ok := ctyraw.ScanUnknown(v); !ok || unknown {
		return cty.NilVal, false
	}
	var acc int64
	prec, ints := uint(0), true
	for _, r := range raw {
		f, ok := r.(*big.Float)
		if !ok {
			return cty.NilVal, false
		}
		prec = max(prec, f.Prec())
		if !ints {
			continue
		}
		i, a := f.Int64()
		if a != big.Exact || f.Prec() < 64 || (i == 0 && f.Signbit()) {
			ints = false
			continue
		}
		s := acc + i
		if (i > 0 && s < acc) || (i < 0 && s > acc) {
			ints = false
			continue
		}
		acc = s
	}
	if ints {
		return cty.NumberVal(new(big.Float).SetPrec(prec).SetInt64(acc)), true
	}
	total := new(big.Float)
	for _, r := range raw {
		total.Add(total, r.(*big.Float))
	}
	return cty.NumberVal(total), true
}

// sumSlow is Terraform's sum.
var sumSlow = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.CanIterateElements() {
			return cty.UnknownVal(cty.Number), errors.New("argument must be a collection")
		}
		if !v.IsWhollyKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		total := new(big.Float)
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			n, err := convert.Convert(e, cty.Number)
			if err != nil || n.IsNull() {
				return cty.UnknownVal(cty.Number), errors.New("elements must be numbers")
			}
			total.Add(total, n.AsBigFloat())
		}
		return cty.NumberVal(total), nil
	},
})

func boolFold(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v := args[0]
			if !v.CanIterateElements() {
				return cty.UnknownVal(cty.Bool), errors.New("argument must be a collection")
			}
			if !v.IsWhollyKnown() {
				return cty.UnknownVal(cty.Bool), nil
			}
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				b, err := convert.Convert(e, cty.Bool)
				if err != nil || b.IsNull() {
					return cty.UnknownVal(cty.Bool), errors.New("elements must be bools")
				}
				if b.True() != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var (
	allTrueFunc = boolFold(true)
	anyTrueFunc = boolFold(false)
)

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(types)
		if ty == cty.NilType {
			return cty.NilType, errors.New("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(ret), nil
			}
			if a.IsNull() {
				continue
			}
			v, err := convert.Convert(a, ret)
			if err != nil {
				return cty.UnknownVal(ret), err
			}
			if v.Type() == cty.String && v.AsString() == "" {
				continue
			}
			return v, nil
		}
		return cty.UnknownVal(ret), errors.New("no non-null, non-empty-string arguments")
	},
})

// lengthFunc is Terraform's length: strings (characters), collections,
// tuples and objects.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		ty := v.Type()
		switch {
		case ty == cty.DynamicPseudoType:
			return cty.UnknownVal(cty.Number), nil
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))), nil
		case ty.IsTupleType():
			return cty.NumberIntVal(int64(len(ty.TupleElementTypes()))), nil
		case ty == cty.String:
			if v.IsKnown() && !v.IsNull() && !v.IsMarked() {
				if s := v.AsString(); ctyraw.ASCII(s) {
					// One character a byte but CR LF, one grapheme
					// cluster: what StrlenFunc counts, at memory speed
					// (it scans clusters at about 25 MB/s).
					return cty.NumberIntVal(int64(len(s) - strings.Count(s, "\r\n"))), nil
				}
			}
			return stdlib.StrlenFunc.Call([]cty.Value{v})
		case ty.IsCollectionType():
			if !v.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			return v.Length(), nil
		}
		return cty.UnknownVal(cty.Number), errors.New("argument must be a string, a collection type, or a structural type")
	},
})

// lookupFunc is lookup with an optional default (the two-argument form
// fails when the key is missing).
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true, AllowUnknown: true},
		{Name: "key", Type: cty.String, AllowMarked: true, AllowUnknown: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowMarked: true, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, errors.New("lookup takes at most three arguments")
		}
		if len(args) == 3 && !args[2].IsNull() {
			return stdlib.LookupFunc.ReturnTypeForValues(args)
		}
		return cty.DynamicPseudoType, nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if len(args) == 3 && !args[2].IsNull() {
			return stdlib.LookupFunc.Call(args)
		}
		m, k := args[0], args[1]
		// A null default (Terraform allows one): the value when the key is
		// there, else null.
		if len(args) == 3 && m.IsKnown() && !m.IsNull() && k.IsKnown() {
			ty := m.Type()
			if !(ty.IsObjectType() && ty.HasAttribute(k.AsString())) && !(ty.IsMapType() && m.HasIndex(k).True()) {
				return args[2], nil
			}
		}
		if !m.IsKnown() || !k.IsKnown() {
			return cty.DynamicVal, nil
		}
		if m.IsNull() {
			return cty.DynamicVal, errors.New("argument must not be null")
		}
		key := k.AsString()
		ty := m.Type()
		switch {
		case ty.IsObjectType():
			if ty.HasAttribute(key) {
				return m.GetAttr(key), nil
			}
		case ty.IsMapType():
			if m.HasIndex(k).True() {
				return m.Index(k), nil
			}
		default:
			return cty.DynamicVal, errors.New("the first argument must be a map or object")
		}
		return cty.DynamicVal, fmt.Errorf("lookup failed to find key %q", key)
	},
})

const maxGenerated = 1 << 20

// rangeFunc is range, refusing to build huge lists.
var rangeFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "params", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.Number)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var start, end, step float64 = 0, 0, 1
		f := func(v cty.Value) float64 { x, _ := v.AsBigFloat().Float64(); return x }
		switch len(args) {
		case 1:
			end = f(args[0])
		case 2:
			start, end = f(args[0]), f(args[1])
		case 3:
			start, end, step = f(args[0]), f(args[1]), f(args[2])
		}
		if step != 0 && (end-start)/step > maxGenerated {
			return cty.UnknownVal(cty.List(cty.Number)), errors.New("range too large")
		}
		return stdlib.RangeFunc.Call(args)
	},
})

// setProductFunc is setproduct, refusing to build huge products.
var setProductFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "sets", Type: cty.DynamicPseudoType, AllowUnknown: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		return stdlib.SetProductFunc.ReturnTypeForValues(uniformLists(args))
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		args = uniformLists(args)
		n := 1
		for _, a := range args {
			if a.IsKnown() && !a.IsNull() && a.CanIterateElements() {
				n *= a.LengthInt() + 1
				if n > maxGenerated {
					return cty.UnknownVal(ret), errors.New("product too large")
				}
			}
		}
		return stdlib.SetProductFunc.Call(args)
	},
})

// hclFunctions is Functions for hcl's own evaluation (generic: try and
// can whose argument says something, a splat's elements, a for over many
// elements): a function with a list, set or map parameter of dynamic
// element type, and tolist, toset and tomap, get their arguments whose
// elements have one type already converted (uniformConvert). go-cty's
// conversion unifies the element types pairwise, even equal: can(tomap(x))
// of an object of 60,000 attributes whose lookup failed ran past 60 s
// (red team 21). The evaluator's own calls (applyFunc) convert the
// arguments themselves.
func hclFunctions() map[string]function.Function {
	hclFuncsOnce.Do(func() {
		base := Functions()
		hclFuncs = make(map[string]function.Function, len(base))
		for name, f := range base {
			if t := uniformTargets(name, f); t != nil {
				f = uniformArgsFunc(f, t)
			}
			hclFuncs[name] = f
		}
	})
	return hclFuncs
}

var (
	hclFuncsOnce sync.Once
	hclFuncs     map[string]function.Function
)

// uniformTargets returns the collection type each argument of f (name) is
// converted to, by position (the last one repeats for a variadic
// parameter), cty.NilType for none; nil when no argument is.
func uniformTargets(name string, f function.Function) []cty.Type {
	switch name {
	case "tolist":
		return []cty.Type{cty.List(cty.DynamicPseudoType)}
	case "toset":
		return []cty.Type{cty.Set(cty.DynamicPseudoType)}
	case "tomap":
		return []cty.Type{cty.Map(cty.DynamicPseudoType)}
	}
	params := f.Params()
	if vp := f.VarParam(); vp != nil {
		params = append(append([]function.Parameter(nil), params...), *vp)
	}
	var out []cty.Type
	any := false
	for _, p := range params {
		t := cty.NilType
		if (p.Type.IsListType() || p.Type.IsSetType() || p.Type.IsMapType()) && p.Type.HasDynamicTypes() {
			t, any = p.Type, true
		}
		out = append(out, t)
	}
	if !any {
		return nil
	}
	return out
}

// uniformArgsFunc is f, its arguments converted to the types of targets
// by uniformConvert (where it applies) before f converts them: the same
// value and errors. Its own parameters take anything, f checks them.
func uniformArgsFunc(f function.Function, targets []cty.Type) function.Function {
	anyParam := func(name string) function.Parameter {
		return function.Parameter{Name: name, Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}
	}
	var params []function.Parameter
	for _, p := range f.Params() {
		params = append(params, anyParam(p.Name))
	}
	var vp *function.Parameter
	if v := f.VarParam(); v != nil {
		p := anyParam(v.Name)
		vp = &p
	}
	pre := func(args []cty.Value) []cty.Value {
		var out []cty.Value
		for i, a := range args {
			t := targets[min(i, len(targets)-1)]
			if i >= len(targets) && vp == nil {
				break
			}
			if t == cty.NilType {
				continue
			}
			if c, ok := uniformConvert(a, t); ok {
				if out == nil {
					out = append([]cty.Value(nil), args...)
				}
				out[i] = c
			}
		}
		if out == nil {
			return args
		}
		return out
	}
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      params,
		VarParam:    vp,
		Type: func(args []cty.Value) (cty.Type, error) {
			return f.ReturnTypeForValues(pre(args))
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return f.Call(pre(args))
		},
	})
}

// uniformLists returns args with each tuple whose elements have one type
// as a list (uniformConvert): go-cty's setproduct unifies a tuple's
// element types pairwise (setproduct of 60,000 strings and one ran past
// 60 s); the product is the same. args is not changed.
func uniformLists(args []cty.Value) []cty.Value {
	var out []cty.Value
	for i, a := range args {
		if l, ok := uniformConvert(a, cty.List(cty.DynamicPseudoType)); ok {
			if out == nil {
				out = append([]cty.Value(nil), args...)
			}
			out[i] = l
		}
	}
	if out == nil {
		return args
	}
	return out
}

// distinctFunc is distinct; a wholly known, unmarked list is deduplicated
// through a map (distinctKnown; go-cty's compares every pair with Equal:
// minutes for a few thousand elements).
var distinctFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.DynamicPseudoType)}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		l := args[0]
		if !l.IsWhollyKnown() || l.IsMarked() || l.Type().ElementType().HasDynamicTypes() {
			return stdlib.DistinctFunc.Call(args)
		}
		return distinctKnown(l), nil
	},
})

// arnBuildFunc is the AWS provider's arn_build(partition, service, region,
// account_id, resource).
var arnBuildFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "partition", Type: cty.String}, {Name: "service", Type: cty.String},
		{Name: "region", Type: cty.String}, {Name: "account_id", Type: cty.String}, {Name: "resource", Type: cty.String}},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = a.AsString()
		}
		return cty.StringVal("arn:" + strings.Join(parts, ":")), nil
	},
})

// arnParseFunc is the AWS provider's arn_parse(arn): an object of the
// partition, service, region, account_id and resource of the ARN.
var arnParseFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "arn", Type: cty.String}},
	Type: function.StaticReturnType(cty.Object(map[string]cty.Type{"partition": cty.String, "service": cty.String,
		"region": cty.String, "account_id": cty.String, "resource": cty.String})),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		f := strings.SplitN(args[0].AsString(), ":", 6)
		if len(f) != 6 || f[0] != "arn" {
			return cty.NilVal, function.NewArgErrorf(0, "invalid ARN %q", args[0].AsString())
		}
		return cty.ObjectVal(map[string]cty.Value{"partition": cty.StringVal(f[1]), "service": cty.StringVal(f[2]),
			"region": cty.StringVal(f[3]), "account_id": cty.StringVal(f[4]), "resource": cty.StringVal(f[5])}), nil
	},
})

// trimIAMRolePath is the AWS provider's trim_iam_role_path(arn): the ARN of
// an IAM role without its path (role/a/b/name is role/name).
func trimIAMRolePath(arn string) (string, error) {
	f := strings.SplitN(arn, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[2] != "iam" || !strings.HasPrefix(f[5], "role/") {
		return "", fmt.Errorf("invalid IAM role ARN %q", arn)
	}
	f[5] = "role/" + f[5][strings.LastIndexByte(f[5], '/')+1:]
	return strings.Join(f, ":"), nil
}
