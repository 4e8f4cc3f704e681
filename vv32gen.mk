# vv32gen.mk: generate typed C vectors (valvec32_<name>) with vv32gen in a GNU Make
# (4.2 or later) build. Set the spec, include this file, use the lists:
#
#     VV32GEN_SPEC  := types.lua       # the spec (required)
#     VV32GEN_OUT   := gen             # output directory (optional; else the spec's
#                                      # `output`, else beside the spec)
#     VV32GEN_FLAGS := --no-tests      # optional: more options (--no-tests, -q, -v)
#     include /usr/local/share/vv32gen/vv32gen.mk
#
#     prog: main.o $(VV32GEN_SOURCES:.c=.o)
#
# After the include:
#     VV32GEN_SOURCES       the library sources (valvec32_common.c, valvec32_<name>.c)
#     VV32GEN_HEADERS       the headers
#     VV32GEN_TEST_SOURCES  the Criterion suites (test_valvec32_<name>.c); none with --no-tests
#     VV32GEN_OUTPUTS       all of the above
#     VV32GEN_OUT           the output directory (filled in when it was empty)
#     make vv32gen          bring the outputs up to date (phony)
#     make vv32gen-clean    delete what vv32gen wrote for the spec, and the stamp (phony)
# The file may be included again with another VV32GEN_SPEC (and VV32GEN_OUT): the lists
# grow, each spec has its own stamp, and vv32gen-clean cleans all of them.
#
# The command: VV32GEN if set; else the vv32gen this file came with (gen/vv32gen run by
# $(VV32GEN_LUA) in a checkout, $(PREFIX)/bin/vv32gen when installed); else vv32gen on PATH.
#
# How it works. Only the spec tells which files come out, so the lists come from
# `vv32gen --list-outputs` when make reads this file. vv32gen rewrites a file only when
# its bytes change, and make has no "restat" to see that a rule left its outputs alone:
# an output that depended on the spec would stay older than a touched spec and rerun the
# generator on every build. So the outputs have no prerequisites; a stamp stands for
# "generated from these inputs". The stamp is vv32gen's depfile rewritten to name the
# stamp as its target (spec, templates, generator modules), and this file includes it.
# GNU make first brings included makefiles up to date and then restarts, so a changed
# input reruns vv32gen once, before make compares any output's mtime: only the files
# whose bytes changed look newer than what was built from them, and a touched but
# unchanged spec costs one vv32gen run, then nothing. A missing output forces the stamp.
# (So `make -q` and `make -n` run vv32gen too when an input changed: GNU make remakes
# included makefiles whatever the options.) Goals that only clean (VV32GEN_NOGEN_GOALS)
# skip the include, so cleaning never generates. The stamp's name: VV32GEN_STAMP, by
# default <output dir>/.vv32gen-<spec name>.stamp (beside vv32gen's manifest).

_vv32gen_mk_dir := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
# The rules below must not become the includer's default goal.
_vv32gen_default_goal := $(.DEFAULT_GOAL)

ifeq ($(strip $(VV32GEN_SPEC)),)
  $(error vv32gen.mk: set VV32GEN_SPEC (the spec, e.g. types.lua) before including vv32gen.mk)
endif

# ---- once, at the first include ---------------------------------------------------

ifndef _vv32gen_included
_vv32gen_included := 1

VV32GEN_LUA ?= lua5.4
ifeq ($(origin VV32GEN),undefined)
  ifneq ($(wildcard $(_vv32gen_mk_dir)/gen/vv32gen),)
    VV32GEN := $(VV32GEN_LUA) $(_vv32gen_mk_dir)/gen/vv32gen
  else ifneq ($(wildcard $(_vv32gen_mk_dir)/../../bin/vv32gen),)
    VV32GEN := $(abspath $(_vv32gen_mk_dir)/../../bin/vv32gen)
  else
    VV32GEN := vv32gen
  endif
endif

VV32GEN_NOGEN_GOALS ?= clean distclean mostlyclean vv32gen-clean
# Generate unless every goal on the command line only cleans.
_vv32gen_generate := $(if $(MAKECMDGOALS),$(filter-out $(VV32GEN_NOGEN_GOALS),$(MAKECMDGOALS)),yes)

VV32GEN_SOURCES :=
VV32GEN_HEADERS :=
VV32GEN_TEST_SOURCES :=
VV32GEN_OUTPUTS :=

.PHONY: vv32gen vv32gen-clean _vv32gen-force
_vv32gen-force:

# Rewrites vv32gen's depfile into the stamp: "stamp: inputs", then an empty rule per
# input, so a deleted template or module does not stop make. The inputs are the words
# after the first ':' (read both as "t: p" and as "t:" then "p:" lines; "\ " survives).
_vv32gen_awk := { line = $$0; gsub(/\\ /, "\001", line); text = text line "\n" } \
   END { gsub(/\\\n/, " ", text); c = index(text, ":"); if (c == 0) exit 1; \
         n = split(substr(text, c + 1), w, /[ \t\n]+/); m = 0; \
         for (i = 1; i <= n; i++) { p = w[i]; sub(/:$$/, "", p); \
            if (p != "" && !(p in seen)) { seen[p] = 1; dep[++m] = p } } \
         out = stamp ":"; for (i = 1; i <= m; i++) out = out " " dep[i]; \
         for (i = 1; i <= m; i++) out = out "\n" dep[i] ":"; \
         gsub(/\001/, "\\ ", out); print out }
endif

# ---- this spec --------------------------------------------------------------------
# Its names are frozen now (:=, private): a later include changes the public ones.

_vv32gen_spec   := $(VV32GEN_SPEC)
_vv32gen_args   := $(VV32GEN_FLAGS) $(if $(strip $(VV32GEN_OUT)),-o $(VV32GEN_OUT))
_vv32gen_base   := $(basename $(notdir $(_vv32gen_spec)))
_vv32gen_list   := $(shell $(VV32GEN) --list-outputs $(_vv32gen_args) $(_vv32gen_spec))
_vv32gen_status := $(.SHELLSTATUS)
ifneq ($(_vv32gen_status),0)
  ifneq ($(_vv32gen_generate),)
    $(error vv32gen.mk: `$(VV32GEN) --list-outputs $(_vv32gen_args) $(_vv32gen_spec)` failed (exit $(_vv32gen_status)))
  endif
endif

# The output directory: as given, else where vv32gen puts the runtime header.
ifeq ($(strip $(VV32GEN_OUT)),)
  VV32GEN_OUT := $(patsubst %/,%,$(dir $(or $(filter %valvec32_common.h,$(_vv32gen_list)),$(_vv32gen_spec))))
endif
_vv32gen_out      := $(VV32GEN_OUT)
_vv32gen_stamp    := $(or $(VV32GEN_STAMP),$(_vv32gen_out)/.vv32gen-$(_vv32gen_base).stamp)
_vv32gen_manifest := $(_vv32gen_out)/.vv32gen-$(_vv32gen_base).manifest

_vv32gen_outputs := $(filter %.c %.h,$(_vv32gen_list))
_vv32gen_tests   := $(foreach f,$(_vv32gen_outputs),$(if $(filter test_%,$(notdir $f)),$f))
VV32GEN_OUTPUTS      += $(_vv32gen_outputs)
VV32GEN_HEADERS      += $(filter %.h,$(_vv32gen_outputs))
VV32GEN_TEST_SOURCES += $(_vv32gen_tests)
VV32GEN_SOURCES      += $(filter-out $(_vv32gen_tests),$(filter %.c,$(_vv32gen_outputs)))

# Runs vv32gen, then turns its depfile into the stamp (always rewritten: fresh mtime).
_vv32gen_run := $(VV32GEN) $(_vv32gen_args) --depfile $(_vv32gen_stamp).tmp $(_vv32gen_spec) \
   && awk -v stamp='$(_vv32gen_stamp)' '$(_vv32gen_awk)' $(_vv32gen_stamp).tmp > $(_vv32gen_stamp).new \
   && rm -f $(_vv32gen_stamp).tmp && mv -f $(_vv32gen_stamp).new $(_vv32gen_stamp) \
   || { rm -f $(_vv32gen_stamp).tmp $(_vv32gen_stamp).new; exit 1; }

ifneq ($(_vv32gen_generate),)
_vv32gen_missing := $(filter-out $(wildcard $(_vv32gen_outputs)),$(_vv32gen_outputs))

# Forced when an output is missing (once: not again after the restart this causes).
$(_vv32gen_stamp): private _vv32gen_cmd := $(_vv32gen_run)
$(_vv32gen_stamp): $(_vv32gen_spec) $(if $(and $(_vv32gen_missing),$(if $(MAKE_RESTARTS),,y)),_vv32gen-force)
	@mkdir -p $(@D)
	@$(_vv32gen_cmd)

include $(_vv32gen_stamp)

# An output deleted while make runs (`make clean all`): with no prerequisites, this
# runs only for a missing file.
$(_vv32gen_outputs): private _vv32gen_cmd := $(_vv32gen_run)
$(_vv32gen_outputs): private _vv32gen_dir := $(_vv32gen_out)
ifneq ($(filter grouped-target,$(.FEATURES)),)
$(_vv32gen_outputs) &:
	@mkdir -p $(_vv32gen_dir)
	@$(_vv32gen_cmd)
else
$(_vv32gen_outputs):
	@mkdir -p $(_vv32gen_dir)
	@$(_vv32gen_cmd)
endif

vv32gen: $(_vv32gen_stamp)
endif

# Deletes the files the manifest names (plain names only), the outputs the spec gives
# now, the manifest and the stamp; then the output directory if that emptied it.
.PHONY: _vv32gen-clean-$(_vv32gen_stamp)
vv32gen-clean: _vv32gen-clean-$(_vv32gen_stamp)
_vv32gen-clean-$(_vv32gen_stamp): private _vv32gen_dir := $(_vv32gen_out)
_vv32gen-clean-$(_vv32gen_stamp): private _vv32gen_files := $(_vv32gen_outputs) \
   $(_vv32gen_manifest) $(_vv32gen_stamp) $(_vv32gen_stamp).tmp $(_vv32gen_stamp).new
_vv32gen-clean-$(_vv32gen_stamp): private _vv32gen_mf := $(_vv32gen_manifest)
_vv32gen-clean-$(_vv32gen_stamp):
	@if [ -f '$(_vv32gen_mf)' ]; then \
	   while IFS= read -r f; do \
	      case "$$f" in ''|*/*|.|..) continue ;; esac; \
	      rm -f '$(_vv32gen_dir)'/"$$f"; \
	   done < '$(_vv32gen_mf)'; \
	 fi
	rm -f $(_vv32gen_files)
	@rmdir '$(_vv32gen_dir)' 2>/dev/null || true

.DEFAULT_GOAL := $(_vv32gen_default_goal)
