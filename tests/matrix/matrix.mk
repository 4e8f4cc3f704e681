# The tool matrix over the generated C code and its Criterion suites.
# Included by the top-level Makefile after its variables (GENDIR, BUILD, CC,
# CFLAGS, SAN, VV32_WARN, TYPES, SUPPORT, INCLUDES, TEST_CSTD, TEST_WARN).
#
#   make test-warnings          gcc, clang-14 x -std=c99/c11/c17 -Werror over every
#                               generated valvec32_*.c and .h (a .h through a one-line
#                               TU); every header as C++17 with g++ and clang++-14
#   make test-fortify           the suites built -O2 -D_FORTIFY_SOURCE=3 (gcc, clang-14),
#                               run; tests/matrix/fortify_slack.c, four builds each
#   make test-valgrind          the plain suites and the fuzz corpus under memcheck
#                               (zero errors, zero definite/indirect leaks)
#   make test-sanitizers-clang  the suites built with clang-14 ASan+UBSan, run
#   make test-matrix            all four; prints what ran, what was skipped
#
# Each target prints one summary line. A target whose tool is missing is
# skipped with a line saying so, and fails when CI=true.
# MATRIX_SUITE_DIR picks where the suites (test_valvec32_<name>.c) are found.

MATRIX_BUILD      := $(BUILD)/matrix
MATRIX_GCC        ?= gcc
MATRIX_CLANG      ?= clang-14
MATRIX_GXX        ?= g++
MATRIX_CLANGXX    ?= clang++-14
VALGRIND          ?= valgrind
MATRIX_STDS       := c99 c11 c17
MATRIX_SUITE_DIR  ?= $(GENDIR)
MATRIX_SUITE_JOBS ?= 2
# As the top-level suite rules: the suites build with -Werror.
MATRIX_SUITE_WERROR ?= -Werror
MATRIX_MAKE       := $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

MATRIX_CWARN   := -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wstrict-prototypes -Werror -I$(GENDIR) -Itests/support
MATRIX_CXXWARN := -x c++ -std=c++17 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -I$(GENDIR) -Itests/support
MATRIX_DEPS    := $(wildcard $(GENDIR)/*.h) $(wildcard tests/support/*.h)
MATRIX_GEN_C   := $(notdir $(wildcard $(GENDIR)/valvec32_*.c))
MATRIX_GEN_H   := $(notdir $(wildcard $(GENDIR)/valvec32_*.h))

# Whether a command exists (evaluated when a recipe asks).
matrix_have = $(if $(shell command -v $(1) 2>/dev/null),yes)

# A missing tool: say so, record it for test-matrix, fail under CI=true.
# $(1) = target, $(2) = what is missing
define matrix_skip
echo "$(1): SKIPPED ($(2))"; mkdir -p $(MATRIX_BUILD)/status; echo "skipped: $(2)" > $(MATRIX_BUILD)/status/$(1); \
if [ "$(CI)" = true ]; then echo "$(1): CI=true: a skipped check fails the build"; exit 1; fi
endef
# $(1) = target, $(2) = pass|fail|partial...
matrix_status = mkdir -p $(MATRIX_BUILD)/status; echo "$(2)" > $(MATRIX_BUILD)/status/$(1)

.PHONY: test-matrix test-warnings test-fortify test-valgrind test-sanitizers-clang

# ---- the warning matrix -----------------------------------------------------------

# $(1) = tag, $(2) = compiler, $(3) = -std value
define MATRIX_C_RULES
$(MATRIX_BUILD)/warn/$(1)-$(3)/%.c.ok: $(GENDIR)/%.c $(MATRIX_DEPS)
	@mkdir -p $$(@D)
	@$(2) -std=$(3) $(MATRIX_CWARN) -c $$< -o $$(@:.ok=.o) \
	  || { echo "test-warnings: FAILED: $(2) -std=$(3) $$<"; exit 1; }
	@touch $$@
$(MATRIX_BUILD)/warn/$(1)-$(3)/%.h.ok: $(GENDIR)/%.h $(MATRIX_DEPS)
	@mkdir -p $$(@D)
	@printf '#include "%s"\n' $$(notdir $$<) | $(2) -std=$(3) $(MATRIX_CWARN) -x c -c - -o $$(@:.ok=.o) \
	  || { echo "test-warnings: FAILED: $(2) -std=$(3) $$< (one-line TU)"; exit 1; }
	@touch $$@
endef
# $(1) = tag, $(2) = C++ compiler
define MATRIX_CXX_RULES
$(MATRIX_BUILD)/warn/$(1)-c++17/%.h.ok: $(GENDIR)/%.h $(MATRIX_DEPS)
	@mkdir -p $$(@D)
	@printf '#include "%s"\n' $$(notdir $$<) | $(2) $(MATRIX_CXXWARN) -c - -o $$(@:.ok=.o) \
	  || { echo "test-warnings: FAILED: $(2) -std=c++17 $$< (one-line TU)"; exit 1; }
	@touch $$@
endef
$(foreach s,$(MATRIX_STDS),$(eval $(call MATRIX_C_RULES,gcc,$(MATRIX_GCC),$(s))))
$(foreach s,$(MATRIX_STDS),$(eval $(call MATRIX_C_RULES,clang,$(MATRIX_CLANG),$(s))))
$(eval $(call MATRIX_CXX_RULES,gxx,$(MATRIX_GXX)))
$(eval $(call MATRIX_CXX_RULES,clangxx,$(MATRIX_CLANGXX)))

matrix_c_stamps = $(foreach s,$(MATRIX_STDS),$(MATRIX_GEN_C:%=$(MATRIX_BUILD)/warn/$(1)-$(s)/%.ok) \
                    $(MATRIX_GEN_H:%=$(MATRIX_BUILD)/warn/$(1)-$(s)/%.ok))
matrix_cxx_stamps = $(MATRIX_GEN_H:%=$(MATRIX_BUILD)/warn/$(1)-c++17/%.ok)

MATRIX_WARN_STAMPS = $(if $(call matrix_have,$(MATRIX_GCC)),$(call matrix_c_stamps,gcc)) \
                     $(if $(call matrix_have,$(MATRIX_CLANG)),$(call matrix_c_stamps,clang)) \
                     $(if $(call matrix_have,$(MATRIX_GXX)),$(call matrix_cxx_stamps,gxx)) \
                     $(if $(call matrix_have,$(MATRIX_CLANGXX)),$(call matrix_cxx_stamps,clangxx))
MATRIX_WARN_MISSING = $(foreach c,$(MATRIX_GCC) $(MATRIX_CLANG) $(MATRIX_GXX) $(MATRIX_CLANGXX),$(if $(call matrix_have,$(c)),,$(c)))

test-warnings:
	@mkdir -p $(MATRIX_BUILD)
	@stamps="$(strip $(MATRIX_WARN_STAMPS))"; missing="$(strip $(MATRIX_WARN_MISSING))"; \
	$(MATRIX_MAKE) -k $$stamps > $(MATRIX_BUILD)/warnings.log 2>&1; \
	total=0; ok=0; for s in $$stamps; do total=$$((total + 1)); [ -f $$s ] && ok=$$((ok + 1)); done; \
	what="$(words $(MATRIX_GEN_C)) .c + $(words $(MATRIX_GEN_H)) .h x {gcc,clang-14} x {$(MATRIX_STDS)}, $(words $(MATRIX_GEN_H)) .h x {g++,clang++-14} C++17"; \
	if [ $$ok -ne $$total ] || [ $$total -eq 0 ]; then \
	  grep -E 'error:|FAILED' $(MATRIX_BUILD)/warnings.log | sort | uniq -c | sort -rn | head -40; \
	  echo "test-warnings: FAIL $$((total - ok)) of $$total compiles failed ($$what; log $(MATRIX_BUILD)/warnings.log)"; \
	  $(call matrix_status,test-warnings,fail); exit 1; \
	fi; \
	if [ -n "$$missing" ]; then \
	  echo "test-warnings: PASS $$ok/$$total compiles, but without: $$missing"; \
	  $(call matrix_skip,test-warnings,$$missing not found); \
	else \
	  echo "test-warnings: PASS $$ok/$$total compiles clean with -Werror ($$what)"; \
	  $(call matrix_status,test-warnings,pass); \
	fi

# ---- Criterion suites, built four ways ----------------------------------------------

# The suites that exist (the generator may not have written them all yet).
MATRIX_SUITE_TYPES = $(filter $(TYPES),$(patsubst $(MATRIX_SUITE_DIR)/test_valvec32_%.c,%,$(wildcard $(MATRIX_SUITE_DIR)/test_valvec32_*.c)))
MATRIX_RUN := sh tests/matrix/run_suites.sh

# $(1) = variant, $(2) = compiler, $(3) = flags
define MATRIX_SUITE_RULES
$(MATRIX_BUILD)/$(1)/test_valvec32_%: $(MATRIX_SUITE_DIR)/test_valvec32_%.c $(GENDIR)/valvec32_%.c \
                                      $(GENDIR)/valvec32_common.c $(SUPPORT) $(MATRIX_DEPS)
	@mkdir -p $$(@D)
	$(2) $(TEST_CSTD) $(TEST_WARN) $$(MATRIX_SUITE_WERROR) $(3) -DVV32_FAULT_INJECTION $(INCLUDES) \
	  $$< $(GENDIR)/valvec32_$$*.c $(GENDIR)/valvec32_common.c $(SUPPORT) -lcriterion -o $$@
endef
MATRIX_FORTIFY := -O2 -g -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3
$(eval $(call MATRIX_SUITE_RULES,fortify-gcc,$(MATRIX_GCC),$(MATRIX_FORTIFY)))
$(eval $(call MATRIX_SUITE_RULES,fortify-clang,$(MATRIX_CLANG),$(MATRIX_FORTIFY)))
$(eval $(call MATRIX_SUITE_RULES,asan-clang,$(MATRIX_CLANG),-O1 -g $(SAN)))
$(eval $(call MATRIX_SUITE_RULES,plain,$(CC),$(CFLAGS)))

# Builds what it can of variant $(1)'s suites (-k: one that does not build is
# reported by run_suites.sh, the others still run); log in $(MATRIX_BUILD)/$(1).log.
matrix_build_suites = rm -f $(MATRIX_SUITE_TYPES:%=$(MATRIX_BUILD)/$(1)/test_valvec32_%.out); \
  if [ -n "$(strip $(MATRIX_SUITE_TYPES))" ]; then \
    $(MATRIX_MAKE) -k $(MATRIX_SUITE_TYPES:%=$(MATRIX_BUILD)/$(1)/test_valvec32_%) MATRIX_SUITE_DIR=$(MATRIX_SUITE_DIR) \
      > $(MATRIX_BUILD)/$(1).log 2>&1 || grep -E 'error:|undefined reference' $(MATRIX_BUILD)/$(1).log | sort | uniq -c | sort -rn | head -12; \
  fi
matrix_no_suites = $(if $(strip $(MATRIX_SUITE_TYPES)),, (no suites in $(MATRIX_SUITE_DIR) yet))

# ---- FORTIFY_SOURCE=3 ------------------------------------------------------------------

# fortify_slack, five builds per compiler: sep (generated sources in their own
# objects), unity (the type sources #included into the test's TU), unity-common
# (valvec32_common.c too), lto (-flto, separate sources), lto-unity
# (unity-common with gcc -flto / clang -flto=thin, where the weak vv32_claim_
# is prevailing and the optimizer may see through it).
MATRIX_SLACK_TYPES := i32 u8 point u32 str
MATRIX_SLACK_SRCS  := $(MATRIX_SLACK_TYPES:%=$(GENDIR)/valvec32_%.c) $(GENDIR)/valvec32_common.c
MATRIX_SLACK_SUP   := tests/support/vv32t_alloc.c tests/support/vv32t_str.c
MATRIX_SLACK_MODES := sep unity unity-common lto lto-unity
MATRIX_SLACK_FLAGS_sep          := $(MATRIX_SLACK_SRCS)
MATRIX_SLACK_FLAGS_unity        := -DSLACK_UNITY $(GENDIR)/valvec32_common.c
MATRIX_SLACK_FLAGS_unity-common := -DSLACK_UNITY -DSLACK_UNITY_COMMON
MATRIX_SLACK_FLAGS_lto          := -flto $(MATRIX_SLACK_SRCS)
MATRIX_SLACK_FLAGS_lto-unity    = $(MATRIX_LTO_$(1)) -DSLACK_UNITY -DSLACK_UNITY_COMMON
MATRIX_LTO_gcc   := -flto
MATRIX_LTO_clang := -flto=thin

# $(1) = tag, $(2) = compiler, $(3) = mode
define MATRIX_SLACK_RULES
$(MATRIX_BUILD)/fortify-$(1)/slack-$(3): tests/matrix/fortify_slack.c $(MATRIX_SLACK_SRCS) $(MATRIX_SLACK_SUP) $(MATRIX_DEPS)
	@mkdir -p $$(@D)
	$(2) -std=gnu99 -Wall -Wextra -Wno-unused-function $(MATRIX_FORTIFY) $(INCLUDES) tests/matrix/fortify_slack.c \
	  $(call MATRIX_SLACK_FLAGS_$(3),$(1)) $(MATRIX_SLACK_SUP) -o $$@
endef
$(foreach m,$(MATRIX_SLACK_MODES),$(eval $(call MATRIX_SLACK_RULES,gcc,$(MATRIX_GCC),$(m))))
$(foreach m,$(MATRIX_SLACK_MODES),$(eval $(call MATRIX_SLACK_RULES,clang,$(MATRIX_CLANG),$(m))))

# Per compiler: the slack program in each build must run to the end and its
# control must abort (else FORTIFY is not active); then the suites.
test-fortify:
	@mkdir -p $(MATRIX_BUILD); fail=0; summary=""; missing=""; \
	for tag in gcc clang; do \
	  if [ $$tag = gcc ]; then cc=$(MATRIX_GCC); else cc=$(MATRIX_CLANG); fi; \
	  if ! command -v $$cc >/dev/null 2>&1; then missing="$$missing $$cc"; continue; fi; \
	  $(MATRIX_MAKE) -k $(MATRIX_SLACK_MODES:%=$(MATRIX_BUILD)/fortify-$$tag/slack-%) > $(MATRIX_BUILD)/fortify-$$tag-slack.log 2>&1 \
	    || { grep -E 'error' $(MATRIX_BUILD)/fortify-$$tag-slack.log | head -10; fail=1; }; \
	  slack=""; \
	  for m in $(MATRIX_SLACK_MODES); do \
	    b=$(MATRIX_BUILD)/fortify-$$tag/slack-$$m; \
	    if [ ! -x $$b ]; then slack="$$slack $$m:NO-BUILD"; fail=1; continue; fi; \
	    if ! $$b > $$b.out 2>&1; then tail -3 $$b.out; echo "  fortify_slack ($$cc, $$m) aborted or failed"; fail=1; slack="$$slack $$m:ABORT"; continue; fi; \
	    $$b control > $$b.control 2>&1; rc=$$?; \
	    if [ $$rc -eq 3 ] || [ $$rc -eq 0 ]; then echo "  fortify_slack control ($$cc, $$m) was not stopped: FORTIFY inactive"; fail=1; slack="$$slack $$m:NO-FORTIFY"; continue; fi; \
	    slack="$$slack $$m"; \
	  done; \
	  $(call matrix_build_suites,fortify-$$tag); \
	  $(MATRIX_RUN) run $(MATRIX_BUILD)/fortify-$$tag $(MATRIX_SUITE_JOBS) $(MATRIX_SUITE_TYPES) || fail=1; \
	  summary="$$summary $$cc: $$(cat $(MATRIX_BUILD)/fortify-$$tag.summary), slack program ok in [$$slack ];"; \
	done; \
	if [ $$fail -ne 0 ]; then echo "test-fortify: FAIL -O2 -D_FORTIFY_SOURCE=3:$$summary"; $(call matrix_status,test-fortify,fail); exit 1; fi; \
	if [ -n "$$missing" ]; then echo "test-fortify: PASS -O2 -D_FORTIFY_SOURCE=3:$$summary$(matrix_no_suites)"; $(call matrix_skip,test-fortify,$$missing not found); \
	else echo "test-fortify: PASS -O2 -D_FORTIFY_SOURCE=3:$$summary its control aborts in every build$(matrix_no_suites)"; $(call matrix_status,test-fortify,pass); fi

# ---- valgrind memcheck --------------------------------------------------------------------

# Criterion runs each test in a worker it spawns (fork + exec): valgrind follows
# them (--trace-children), one log per process; run_suites.sh checks the logs.
MATRIX_VG_FLAGS := --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
                   --show-leak-kinds=definite,indirect --trace-children=yes --child-silent-after-fork=no
MATRIX_VG_ENV   := VALGRIND="$(VALGRIND)" VG_FLAGS="$(MATRIX_VG_FLAGS)"

$(MATRIX_BUILD)/vg/selfcheck: tests/matrix/leak_selfcheck.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CSTD) -g -O0 $< -lcriterion -o $@

# First the self-check: a Criterion test that leaks on purpose must be caught.
test-valgrind:
	@mkdir -p $(MATRIX_BUILD); \
	if ! command -v $(VALGRIND) >/dev/null 2>&1; then $(call matrix_skip,test-valgrind,$(VALGRIND) not found); exit 0; fi; \
	$(MATRIX_MAKE) $(MATRIX_BUILD)/vg/selfcheck > $(MATRIX_BUILD)/vg-selfcheck-build.log 2>&1 \
	  || { cat $(MATRIX_BUILD)/vg-selfcheck-build.log; $(call matrix_status,test-valgrind,fail); exit 1; }; \
	if $(MATRIX_VG_ENV) $(MATRIX_RUN) vgcmd $(MATRIX_BUILD)/vg/selfcheck-logs 1 $(MATRIX_BUILD)/vg/selfcheck --jobs=1 >/dev/null \
	   || ! grep -q '77 bytes in 1 blocks are definitely lost' $(MATRIX_BUILD)/vg/selfcheck-logs/vg.*.log; then \
	  echo "test-valgrind: FAIL: the setup misses the deliberate leak of tests/matrix/leak_selfcheck.c"; \
	  $(call matrix_status,test-valgrind,fail); exit 1; \
	fi; \
	fail=0; \
	$(call matrix_build_suites,plain); \
	$(MATRIX_VG_ENV) $(MATRIX_RUN) valgrind $(MATRIX_BUILD)/plain $(MATRIX_SUITE_JOBS) $(MATRIX_SUITE_TYPES) || fail=1; \
	replay=""; \
	if [ -n "$(strip $(FUZZ_TARGETS))" ]; then \
	  $(MATRIX_MAKE) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/replay-plain/replay_%) > $(MATRIX_BUILD)/vg-replay-build.log 2>&1 \
	    || { tail -20 $(MATRIX_BUILD)/vg-replay-build.log; fail=1; }; \
	  n=0; for t in $(FUZZ_TARGETS); do \
	    $(MATRIX_VG_ENV) $(MATRIX_RUN) vgcmd $(MATRIX_BUILD)/vg/fuzz-$$t 1 $(FUZZ_BUILD)/replay-plain/replay_$$t $(FUZZ_DIR)/corpus/$$t/* \
	      || { echo "  fuzz corpus replay ($$t) under memcheck failed (logs $(MATRIX_BUILD)/vg/fuzz-$$t/)"; fail=1; }; \
	    n=$$((n + $$(ls $(FUZZ_DIR)/corpus/$$t | wc -l))); \
	  done; replay=" + the fuzz corpus ($$n inputs)"; \
	fi; \
	what="$$(cat $(MATRIX_BUILD)/plain.summary)$$replay; the self-check's leak was caught"; \
	if [ $$fail -ne 0 ]; then echo "test-valgrind: FAIL memcheck: $$what"; $(call matrix_status,test-valgrind,fail); exit 1; fi; \
	echo "test-valgrind: PASS memcheck, 0 errors, 0 definite/indirect leaks: $$what$(matrix_no_suites)"; \
	$(call matrix_status,test-valgrind,pass)

# ---- clang-14 ASan + UBSan ----------------------------------------------------------------

test-sanitizers-clang:
	@mkdir -p $(MATRIX_BUILD); \
	if ! command -v $(MATRIX_CLANG) >/dev/null 2>&1; then $(call matrix_skip,test-sanitizers-clang,$(MATRIX_CLANG) not found); exit 0; fi; \
	$(call matrix_build_suites,asan-clang); \
	if $(MATRIX_RUN) asan $(MATRIX_BUILD)/asan-clang $(MATRIX_SUITE_JOBS) $(MATRIX_SUITE_TYPES); then \
	  echo "test-sanitizers-clang: PASS clang-14 -fsanitize=address,undefined (leaks, container overflow): $$(cat $(MATRIX_BUILD)/asan-clang.summary)$(matrix_no_suites)"; \
	  $(call matrix_status,test-sanitizers-clang,pass); \
	else \
	  echo "test-sanitizers-clang: FAIL clang-14 -fsanitize=address,undefined: $$(cat $(MATRIX_BUILD)/asan-clang.summary)"; \
	  $(call matrix_status,test-sanitizers-clang,fail); exit 1; \
	fi

# ---- all of it -----------------------------------------------------------------------------

MATRIX_TARGETS := test-warnings test-fortify test-valgrind test-sanitizers-clang

test-matrix:
	@rm -rf $(MATRIX_BUILD)/status; mkdir -p $(MATRIX_BUILD)/status; \
	for t in $(MATRIX_TARGETS); do $(MATRIX_MAKE) $$t || true; done; \
	run=""; skipped=""; failed=""; \
	for t in $(MATRIX_TARGETS); do \
	  s=$$(cat $(MATRIX_BUILD)/status/$$t 2>/dev/null || echo fail); \
	  case "$$s" in pass) run="$$run $$t";; skipped*) skipped="$$skipped $$t($${s#skipped: })";; *) failed="$$failed $$t";; esac; \
	done; \
	echo "test-matrix: run:$${run:- none}; skipped:$${skipped:- none}; failed:$${failed:- none}"; \
	if [ -n "$$failed" ]; then exit 1; fi; \
	if [ -n "$$skipped" ] && [ "$(CI)" = true ]; then echo "test-matrix: CI=true: skipped checks fail the build"; exit 1; fi
