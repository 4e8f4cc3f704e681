# Differential fuzzing of the generated vectors (libFuzzer). Included by the
# top-level Makefile after its variables (GENDIR, BUILD, LUA).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_ARGS=...]   fuzz each target for FUZZ_SECONDS
#   make test-fuzz-replay                         replay the committed corpus (fast)
#   make fuzz-corpus                              rewrite the seed corpus (gen_corpus.lua)
#
# Targets: u32 (valvec32_u32, the counting allocator of tests/support) and
# str (valvec32_str, a managed type). See tests/fuzz/README.md.

FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_TARGETS := u32 str
FUZZ_DIR     := tests/fuzz
FUZZ_BUILD   := $(BUILD)/fuzz
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_DEFS    := -DVV32_FAULT_INJECTION -DVV32_DEBUG
FUZZ_STRICT  := -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wstrict-prototypes -Werror
# The generated sources are held to their warnings by the warning matrix
# (tests/matrix/matrix.mk); here they only need to build.
FUZZ_GENWARN := -std=c99 -w
FUZZ_INC     := -I$(GENDIR) -Itests/support
FUZZ_SUPPORT_u32 := tests/support/vv32t_alloc.c
FUZZ_SUPPORT_str := tests/support/vv32t_str.c
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
# Sub-makes read the same makefiles as this one (the top-level Makefile).
FUZZ_MAKE    := $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

.PHONY: fuzz fuzz-build fuzz-corpus test-fuzz-replay

# $(1) = target. Objects per target: the harness (strict), the type's
# generated source, the common runtime and the support source.
define FUZZ_TARGET_RULES
$(FUZZ_BUILD)/$(1)/fuzz_vec.o: $(FUZZ_DIR)/fuzz_vec.c $(wildcard $(GENDIR)/*.h) $(wildcard tests/support/*.h)
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_STRICT) -g -O1 $(FUZZ_SAN) $(FUZZ_DEFS) -DFUZZ_$(shell echo $(1) | tr a-z A-Z) $(FUZZ_INC) -c $$< -o $$@

$(FUZZ_BUILD)/$(1)/%.o: $(GENDIR)/%.c $(wildcard $(GENDIR)/*.h) $(wildcard tests/support/*.h)
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_GENWARN) -g -O1 $(FUZZ_SAN) $(FUZZ_DEFS) $(FUZZ_INC) -c $$< -o $$@

$(FUZZ_BUILD)/$(1)/support.o: $(FUZZ_SUPPORT_$(1)) $(wildcard tests/support/*.h)
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_GENWARN) -g -O1 $(FUZZ_SAN) $(FUZZ_INC) -c $$< -o $$@

$(FUZZ_BUILD)/fuzz_$(1): $(FUZZ_BUILD)/$(1)/fuzz_vec.o $(FUZZ_BUILD)/$(1)/valvec32_$(1).o \
                         $(FUZZ_BUILD)/$(1)/valvec32_common.o $(FUZZ_BUILD)/$(1)/support.o
	$(FUZZ_CC) $(FUZZ_SAN) $$^ -o $$@

# The same harness without libFuzzer: a plain main() replaying files, built
# with $(CC): replay-san/ with ASan+UBSan (when clang-14's libFuzzer is
# missing), replay-plain/ for valgrind.
$(FUZZ_BUILD)/replay-san/replay_$(1) $(FUZZ_BUILD)/replay-plain/replay_$(1): $(FUZZ_DIR)/fuzz_vec.c \
    $(GENDIR)/valvec32_$(1).c $(GENDIR)/valvec32_common.c $(FUZZ_SUPPORT_$(1)) $(wildcard $(GENDIR)/*.h) $(wildcard tests/support/*.h)
	@mkdir -p $$(@D)
	$$(CC) -std=c99 -g -O1 $$(if $$(findstring replay-san,$$@),$$(SAN)) $(FUZZ_DEFS) -DFUZZ_STANDALONE \
	  -DFUZZ_$(shell echo $(1) | tr a-z A-Z) $(FUZZ_INC) $(FUZZ_DIR)/fuzz_vec.c $(GENDIR)/valvec32_$(1).c \
	  $(GENDIR)/valvec32_common.c $(FUZZ_SUPPORT_$(1)) -o $$@
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_TARGET_RULES,$(t))))

# Whether clang-14 can link a libFuzzer target (the compiler and libclang-rt).
FUZZ_HAVE_LIBFUZZER = $(shell printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
   | $(FUZZ_CC) -x c -fsanitize=fuzzer - -o /dev/null >/dev/null 2>&1 && echo yes)

fuzz-build: $(FUZZ_BINS)

# New inputs go to $(FUZZ_BUILD)/work-<target> (not committed); the committed
# corpus is read only. Crashes land in $(FUZZ_BUILD)/artifacts-<target>/.
fuzz: $(FUZZ_BINS)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/work-$$t $(FUZZ_BUILD)/artifacts-$$t; \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS)s"; \
	  if ! $(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=1024 -print_final_stats=1 \
	       -artifact_prefix=$(FUZZ_BUILD)/artifacts-$$t/ $(FUZZ_ARGS) \
	       $(FUZZ_BUILD)/work-$$t $(FUZZ_DIR)/corpus/$$t > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1; then \
	    tail -40 $(FUZZ_BUILD)/fuzz-$$t.log; \
	    echo "fuzz: fuzz_$$t FOUND A FAILURE (log $(FUZZ_BUILD)/fuzz-$$t.log, input in $(FUZZ_BUILD)/artifacts-$$t/)"; \
	    exit 1; \
	  fi; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_BUILD)/fuzz-$$t.log); \
	  echo "fuzz: fuzz_$$t: $$execs executions in $(FUZZ_SECONDS)s, no finding"; \
	done

fuzz-corpus:
	$(LUA) $(FUZZ_DIR)/gen_corpus.lua $(FUZZ_DIR)/corpus

# Replays every committed input once (no mutation): the libFuzzer binaries
# when clang-14 has libFuzzer, else the gcc build of the same harness with
# ASan+UBSan (a skip of the libFuzzer build: fails when CI=true).
test-fuzz-replay:
	@if [ "$(FUZZ_HAVE_LIBFUZZER)" = yes ]; then \
	  $(FUZZ_MAKE) fuzz-build >$(BUILD)/fuzz-build.log 2>&1 || { cat $(BUILD)/fuzz-build.log; exit 1; }; \
	  n=0; for t in $(FUZZ_TARGETS); do \
	    files=$$(ls $(FUZZ_DIR)/corpus/$$t/* 2>/dev/null); \
	    [ -n "$$files" ] || { echo "test-fuzz-replay: no corpus in $(FUZZ_DIR)/corpus/$$t"; exit 1; }; \
	    $(FUZZ_BUILD)/fuzz_$$t -runs=1 $$files >$(FUZZ_BUILD)/replay-$$t.log 2>&1 \
	      || { tail -30 $(FUZZ_BUILD)/replay-$$t.log; echo "test-fuzz-replay: FAIL (fuzz_$$t)"; exit 1; }; \
	    n=$$((n + $$(echo $$files | wc -w))); \
	  done; \
	  echo "test-fuzz-replay: PASS $$n corpus inputs replayed ($(FUZZ_TARGETS); libFuzzer, ASan+UBSan)"; \
	else \
	  mkdir -p $(FUZZ_BUILD); \
	  $(FUZZ_MAKE) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/replay-san/replay_%) \
	    >$(BUILD)/fuzz-build.log 2>&1 || { cat $(BUILD)/fuzz-build.log; exit 1; }; \
	  for t in $(FUZZ_TARGETS); do \
	    $(FUZZ_BUILD)/replay-san/replay_$$t $(FUZZ_DIR)/corpus/$$t/* || { echo "test-fuzz-replay: FAIL (replay_$$t)"; exit 1; }; \
	  done; \
	  echo "test-fuzz-replay: SKIPPED libFuzzer ($(FUZZ_CC) -fsanitize=fuzzer unavailable); replayed with $(CC) ASan+UBSan instead"; \
	  if [ "$(CI)" = true ]; then echo "test-fuzz-replay: CI=true: a skipped tool fails the build"; exit 1; fi; \
	fi
