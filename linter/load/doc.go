// Package load finds Terraform root modules under the paths it is given,
// parses them with one hclparse.Parser (.tf with hclsyntax, .tf.json with
// hcl/json, in parallel), collects root variable values (terraform.tfvars,
// *.auto.tfvars, --var-file, --var), resolves module sources (local paths,
// and registry/git modules through .terraform/modules/modules.json) and has
// package eval evaluate each root module on its own.
//
// Every directory holding Terraform files is a root module, including
// module directories that other roots also call; the runner dedupes the
// findings. Input problems are hcl.Diagnostics with a range; a file with a
// syntax error is left out while the rest is evaluated; a panic while
// evaluating a module becomes a diagnostic naming its directory.
//
// Resource limits (Options, with flags in cmd/iamlint): MaxFileSize (4 MiB;
// a larger file is not read, and gets an error; it also bounds the tokens
// of a file, one per 4 bytes, of JSON one per 6, and of a root module
// with the module directories it calls, one per 2 bytes, a JSON token
// counting 2: the parsers' memory grows with them, and a file or module
// call past them is not parsed, with an error), MaxInstances (1024 per
// count / for_each; over it, one instance with an unknown key stands for
// all, with an error), MaxModuleDepth (16). Brackets nesting more than
// eval.MaxNesting levels in a file are refused before parsing (the HCL
// parser's recursion would overflow the stack, which no recover catches),
// and so are heredocs and strings of more pieces (lines, $${ escapes) than
// the parser joins in bounded time (eval.CheckLiterals: its joining is
// quadratic). Evaluation is bounded too: the for expressions and dynamic
// blocks of a root module iterate over at most 250,000 elements, and a value
// holds at most 64 MiB of strings (a million elements); beyond, the value is
// unknown, with an error.
// Roots are parsed and evaluated in parallel, the biggest first; a named
// file loads only its own directory and the modules it calls.
//
// Confinement (the input is an untrusted repository): nothing outside the
// scanned tree (the directories of Options.Paths) is read unless a path
// names it. A Terraform or tfvars file (or .terraform/modules/modules.json)
// found in the tree that is a symbolic link to a file outside it is not
// read, with an error (loader.outsideLink); file() and friends are confined
// by eval (Options.Allowed). Module directories are followed where
// terraform would, however far outside, and only their .tf / .tf.json
// files are read; there the module directory counts as the tree.
//
// It must not: know about IAM, read plan JSON (package plan does), execute
// anything, or use the network.
package load
