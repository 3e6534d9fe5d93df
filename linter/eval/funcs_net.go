package eval

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"golang.org/x/text/encoding/ianaindex"
)

// This file holds Terraform's address, time, UUID and text-encoding
// functions (cidrhost, cidrnetmask, cidrsubnet, cidrsubnets, timecmp,
// uuidv5, base64gzip, textencodebase64, textdecodebase64), written after
// Terraform's documentation and its documented examples. An error is
// returned as Terraform would fail; applyFunc turns it into a notice at the
// call and an unknown value.

// parseCIDR parses a prefix as Terraform does: "address/length", except
// that IPv4 octets with leading zeros are read as decimal (Terraform keeps
// the pre-Go 1.17 behaviour: "010.001.0.0/24" is 10.1.0.0/24). It returns
// the network's address as an integer with its host bits cleared, its width
// in bits (32 for IPv4, 128 for IPv6) and its prefix length. IPv4 written
// in IPv6 syntax (::ffff:10.0.0.0/104) is IPv4, as Terraform prints it.
// (net/netip, not net: package net links the C resolver.)
func parseCIDR(s string) (base *big.Int, bits, ones int, err error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		alt, ok := trimOctetZeros(s)
		if !ok {
			return nil, 0, 0, fmt.Errorf("invalid CIDR expression: invalid CIDR address: %s", s)
		}
		if p, err = netip.ParsePrefix(alt); err != nil {
			return nil, 0, 0, fmt.Errorf("invalid CIDR expression: invalid CIDR address: %s", s)
		}
	}
	p = p.Masked()
	addr, ones := p.Addr(), p.Bits()
	if addr.Is4In6() && ones >= 96 {
		addr, ones = addr.Unmap(), ones-96
	}
	b := addr.AsSlice()
	return new(big.Int).SetBytes(b), len(b) * 8, ones, nil
}

// trimOctetZeros rewrites a dotted IPv4 prefix "010.001.0.0/24" without the
// leading zeros of its octets (ok false when s is not such a prefix or has
// none).
func trimOctetZeros(s string) (string, bool) {
	addr, bits, found := strings.Cut(s, "/")
	if !found {
		return "", false
	}
	parts := strings.Split(addr, ".")
	if len(parts) != 4 {
		return "", false
	}
	changed := false
	for i, p := range parts {
		if p == "" || len(p) > 3 || strings.Trim(p, "0123456789") != "" {
			return "", false
		}
		if t := strings.TrimLeft(p, "0"); t != p {
			if t == "" {
				t = "0"
			}
			parts[i], changed = t, true
		}
	}
	return strings.Join(parts, ".") + "/" + bits, changed
}

// addrString is the address of integer x in a width of bits, as Terraform
// prints it.
func addrString(x *big.Int, bits int) string {
	if bits == 32 {
		var b [4]byte
		x.FillBytes(b[:])
		return netip.AddrFrom4(b).String()
	}
	var b [16]byte
	x.FillBytes(b[:])
	return netip.AddrFrom16(b).String()
}

// prefixString is "address/length" as Terraform prints a network.
func prefixString(x *big.Int, bits, length int) string {
	return addrString(x, bits) + "/" + strconv.Itoa(length)
}

// wholeNumber is a known number argument that must be a whole number
// (Terraform converts these arguments to Go integers, which refuses
// fractions).
func wholeNumber(v cty.Value, what string) (*big.Int, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return nil, fmt.Errorf("%s must be a whole number", what)
	}
	i, _ := bf.Int(nil)
	return i, nil
}

// smallInt is wholeNumber within [-1<<20, 1<<20] (a prefix length or
// extension: anything larger is out of range for every address family).
func smallInt(v cty.Value, what string) (int, error) {
	i, err := wholeNumber(v, what)
	if err != nil {
		return 0, err
	}
	if !i.IsInt64() || i.Int64() < -1<<20 || i.Int64() > 1<<20 {
		return 0, fmt.Errorf("%s is out of range", what)
	}
	return int(i.Int64()), nil
}

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		num, err := wholeNumber(args[1], "hostnum")
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		base, bits, ones, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
		off := new(big.Int).Set(num)
		if num.Sign() < 0 {
			off.Add(size, num) // -1 is the last address
		}
		if off.Sign() < 0 || off.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix of %d does not accommodate a host numbered %s", ones, num)
		}
		return cty.StringVal(addrString(off.Add(off, base), bits)), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, bits, ones, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if bits != 32 {
			return cty.UnknownVal(cty.String), fmt.Errorf("IPv6 addresses cannot have a netmask: %s", args[0].AsString())
		}
		mask := new(big.Int).Lsh(big.NewInt(1), uint(32-ones))
		mask.Sub(new(big.Int).Lsh(big.NewInt(1), 32), mask)
		return cty.StringVal(addrString(mask, 32)), nil
	},
})

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		newbits, err := smallInt(args[1], "newbits")
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, err := wholeNumber(args[2], "netnum")
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		base, bits, ones, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		length := ones + newbits
		if newbits < 0 || length > bits {
			return cty.UnknownVal(cty.String), fmt.Errorf("insufficient address space to extend prefix of %d by %d", ones, newbits)
		}
		if num.Sign() < 0 || num.BitLen() > newbits {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newbits, num)
		}
		x := new(big.Int).Lsh(num, uint(bits-length))
		return cty.StringVal(prefixString(x.Or(x, base), bits, length)), nil
	},
})

// cidrSubnetsFunc allocates consecutive subnets: each one starts at the first
// address after the previous one that is aligned to its own size, and all
// must lie within the prefix. As in Terraform, a prefix that starts at the
// zero address (0.0.0.0/8, ::/64) fails: its allocation wraps around the
// address space.
var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		base, bits, ones, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), err
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		space := new(big.Int).Lsh(big.NewInt(1), uint(bits))
		end := new(big.Int).Lsh(big.NewInt(1), uint(bits-ones))
		end.Add(end, base) // first address after the prefix
		next := new(big.Int).Set(base)
		prev := "" // the subnet allocated last, for the error
		out := make([]cty.Value, 0, len(args)-1)
		for i, a := range args[1:] {
			ext, err := smallInt(a, "newbits")
			if err != nil {
				return cty.UnknownVal(cty.List(cty.String)), err
			}
			switch {
			case ext < 1:
				return cty.UnknownVal(cty.List(cty.String)), errors.New("must extend prefix by at least one bit")
			case ext > 32:
				return cty.UnknownVal(cty.List(cty.String)), errors.New("may not extend prefix by more than 32 bits")
			case ones+ext > bits:
				family := map[int]string{32: "IPv4", 128: "IPv6"}[bits]
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("would extend prefix to %d bits, which is too long for an %s address", ones+ext, family)
			}
			length := ones + ext
			size := new(big.Int).Lsh(big.NewInt(1), uint(bits-length))
			if i == 0 {
				// Terraform starts from the subnet of this size just
				// below the prefix, which wraps for the zero address.
				below := new(big.Int).Sub(base, big.NewInt(1))
				below.Mod(below, space)
				below.Sub(below, new(big.Int).Mod(below, size))
				prev = prefixString(below, bits, length)
				if base.Sign() == 0 {
					return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits after %s", length, prev)
				}
			}
			// Round next up to a multiple of size.
			if r := new(big.Int).Mod(next, size); r.Sign() != 0 {
				next.Add(next, r.Sub(size, r))
			}
			last := new(big.Int).Add(next, size)
			if last.Cmp(end) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits after %s", length, prev)
			}
			prev = prefixString(next, bits, length)
			out = append(out, cty.StringVal(prev))
			next = last
		}
		return cty.ListVal(out), nil
	},
})

// timecmpFunc compares two RFC 3339 timestamps as instants: -1, 0 or 1.
var timecmpFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "timestamp_a", Type: cty.String}, {Name: "timestamp_b", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ts [2]time.Time
		for i := range ts {
			t, err := time.Parse(time.RFC3339, args[i].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Number), fmt.Errorf("argument %d is not a valid RFC3339 timestamp", i+1)
			}
			ts[i] = t
		}
		return cty.NumberIntVal(int64(ts[0].Compare(ts[1]))), nil
	},
})

// uuidNamespaces are uuidv5's named namespaces (RFC 4122 appendix C).
var uuidNamespaces = map[string]string{
	"dns":  "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
	"url":  "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
	"oid":  "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
	"x500": "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
}

// parseUUID reads a UUID in the forms Terraform accepts for a namespace:
// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, the same in braces or after
// "urn:uuid:", or 32 hex digits.
func parseUUID(s string) ([16]byte, bool) {
	var u [16]byte
	switch {
	case len(s) == 45 && strings.EqualFold(s[:9], "urn:uuid:"):
		s = s[9:]
	case len(s) == 38 && s[0] == '{' && s[37] == '}':
		s = s[1:37]
	}
	switch len(s) {
	case 36:
		if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
			return u, false
		}
		s = s[:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	case 32:
	default:
		return u, false
	}
	if _, err := hex.Decode(u[:], []byte(s)); err != nil {
		return u, false
	}
	return u, true
}

// uuidv5Func is an RFC 4122 version 5 (SHA-1, name-based) UUID.
var uuidv5Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "namespace", Type: cty.String}, {Name: "name", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ns := args[0].AsString()
		if named, ok := uuidNamespaces[ns]; ok {
			ns = named
		}
		space, ok := parseUUID(ns)
		if !ok {
			return cty.UnknownVal(cty.String), fmt.Errorf("uuidv5() doesn't support namespace %q: not a UUID", args[0].AsString())
		}
		h := sha1.New()
		h.Write(space[:])
		h.Write([]byte(args[1].AsString()))
		var u [16]byte
		copy(u[:], h.Sum(nil))
		u[6] = u[6]&0x0f | 0x50 // version 5
		u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
		x := hex.EncodeToString(u[:])
		return cty.StringVal(x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:]), nil
	},
})

// base64gzipFunc compresses the string's UTF-8 with gzip (default level, an
// empty header, flushed before it is closed, as Terraform writes it) and
// encodes the result in Base64.
var base64gzipFunc = strFunc(func(s string) (string, error) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(s))
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b.Bytes()), nil
})

// textEncoding is the IANA character encoding named name (a name or alias,
// as Terraform looks it up).
func textEncoding(name string) (string, func(decode bool, b []byte) ([]byte, error), error) {
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return "", nil, fmt.Errorf("%q is not a supported IANA encoding name or alias", name)
	}
	canon, err := ianaindex.IANA.Name(enc)
	if err != nil {
		canon = name
	}
	return canon, func(decode bool, b []byte) ([]byte, error) {
		if decode {
			return enc.NewDecoder().Bytes(b)
		}
		return enc.NewEncoder().Bytes(b)
	}, nil
}

var textEncodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		name, code, err := textEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		b, err := code(false, []byte(args[0].AsString()))
		if err != nil {
			return cty.UnknownVal(cty.String), fmt.Errorf("the given string contains characters that cannot be represented in %s", name)
		}
		return cty.StringVal(base64.StdEncoding.EncodeToString(b)), nil
	},
})

var textDecodeBase64Func = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "source", Type: cty.String}, {Name: "encoding", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		name, code, err := textEncoding(args[1].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		raw, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			var ce base64.CorruptInputError
			if errors.As(err, &ce) {
				return cty.UnknownVal(cty.String), fmt.Errorf("the given value has an invalid base64 symbol at offset %d", int64(ce))
			}
			return cty.UnknownVal(cty.String), fmt.Errorf("invalid source string: %v", err)
		}
		b, err := code(true, raw)
		if err != nil || bytes.ContainsRune(b, '\uFFFD') {
			return cty.UnknownVal(cty.String), fmt.Errorf("the given string contains symbols that are not defined for %s", name)
		}
		return cty.StringVal(string(b)), nil
	},
})
