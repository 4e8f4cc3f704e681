# vv32gen: a Lua 5.4 generator of typed C vectors (valvec32_<name>).
#
#   make              install missing Debian packages, generate generated/
#                     from types.lua, build the library and the test suites
#   make test         every test: generator specs and luacheck, the freshness
#                     check of generated/, each Criterion suite plain, under
#                     ASan+UBSan (gcc, clang), valgrind and FORTIFY_SOURCE=3,
#                     fault injection, checked builds, the warning matrix, the
#                     fuzz corpus replay, build integration, the bench smoke run
#   make gen          regenerate generated/ only
#   make check-gen    fail when generated/ differs from what types.lua gives
#   make bench        the full benchmark (bench/RESULTS.md, bench/results.png)
#   make bench-quick  the benchmark at 1K and 1M only
#   make fuzz         libFuzzer on valvec32_u32 and valvec32_str (FUZZ_SECONDS=60)
#   make test-huge    opt-in: a uint8_t vector pushed to UINT32_MAX elements
#   make install      PREFIX=/usr/local DESTDIR=; make uninstall
#   make clean

LUA     ?= lua5.4
CC      ?= gcc
BUSTED  ?= $(LUA) /usr/bin/busted
LUACHECK ?= luacheck

SPEC    := types.lua
GENDIR  := generated
BUILD   := build

VV32_WARN := -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Wstrict-prototypes
CSTD    := -std=c99
CFLAGS  ?= -O2 -g
# Parallel compiles inside each step (the steps themselves run one by one).
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all

# Debian packages: the generator, its tests, the C tests and the tools.
DEB_PACKAGES := lua5.4 lua-filesystem lua-penlight lua-argparse lua-busted \
                lua-check libcriterion-dev gcc g++ make valgrind clang-14 \
                libclang-rt-14-dev cmake luarocks liblua5.4-dev libstb-dev \
                gnuplot-nox hyperfine

GEN_IN  := $(SPEC) gen/vv32gen $(wildcard gen/vv32/*.lua) $(wildcard templates/*.tpl)

.PHONY: all deps gen build check-gen test test-gen test-suites \
        test-suites-asan test-bench bench bench-quick clean

all: deps gen
	@$(MAKE) --no-print-directory -j$(JOBS) build

# ---- dependencies -----------------------------------------------------------

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	   dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	 done | tr '\n' ' '); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y $$missing"; \
	    exit 1; \
	  fi; \
	fi

# ---- generation ---------------------------------------------------------------

# vv32gen leaves unchanged files alone, so the stamp, not the outputs, tells
# make that generation is up to date.
gen: $(BUILD)/gen.stamp

$(BUILD)/gen.stamp: $(GEN_IN)
	@mkdir -p $(@D)
	$(LUA) gen/vv32gen $(SPEC)
	@touch $@

check-gen:
	$(LUA) gen/vv32gen --check $(SPEC)

# ---- the library and the test suites --------------------------------------------

TYPES      := $(patsubst $(GENDIR)/valvec32_%.h,%,$(filter-out $(GENDIR)/valvec32_common.h,$(wildcard $(GENDIR)/valvec32_*.h)))
LIB_SRCS   := $(GENDIR)/valvec32_common.c $(TYPES:%=$(GENDIR)/valvec32_%.c)
SUPPORT    := $(wildcard tests/support/*.c)
INCLUDES   := -I$(GENDIR) -Itests/support

# Criterion's macros are not -Wpedantic clean; the suites use GNU C99.
TEST_CSTD  := -std=gnu99
TEST_WARN  := -Wall -Wextra -Wconversion -Wshadow

LIB_OBJS   := $(LIB_SRCS:$(GENDIR)/%.c=$(BUILD)/lib/%.o)
SUITES     := $(TYPES:%=$(BUILD)/test/test_valvec32_%)
SUITES_SAN := $(TYPES:%=$(BUILD)/asan/test_valvec32_%)

build: $(BUILD)/lib/libvalvec32.a $(SUITES) $(SUITES_SAN)

$(BUILD)/lib/%.o: $(GENDIR)/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(VV32_WARN) -Werror $(CFLAGS) $(INCLUDES) -MMD -c $< -o $@

$(BUILD)/lib/libvalvec32.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

# Test builds: fault injection on, so every allocation and clone can fail.
$(BUILD)/test/%: $(GENDIR)/%.c $(LIB_SRCS) $(SUPPORT)
	@mkdir -p $(@D)
	$(CC) $(TEST_CSTD) $(TEST_WARN) -Werror $(CFLAGS) -DVV32_FAULT_INJECTION $(INCLUDES) \
	  $< $(GENDIR)/valvec32_common.c $(GENDIR)/$(patsubst test_%,%,$*).c $(SUPPORT) -lcriterion -o $@

$(BUILD)/asan/%: $(GENDIR)/%.c $(LIB_SRCS) $(SUPPORT)
	@mkdir -p $(@D)
	$(CC) $(TEST_CSTD) $(TEST_WARN) -Werror -O1 -g $(SAN) -DVV32_FAULT_INJECTION $(INCLUDES) \
	  $< $(GENDIR)/valvec32_common.c $(GENDIR)/$(patsubst test_%,%,$*).c $(SUPPORT) -lcriterion -o $@

-include $(LIB_OBJS:.o=.d)

# ---- tests ----------------------------------------------------------------------

# Each area's rules live beside its tests.
include tests/fault/fault.mk
include tests/checked/checked.mk
include tests/matrix/matrix.mk
include tests/fuzz/fuzz.mk
include tests/integration/integration.mk
include install.mk

TEST_AREAS := test-gen check-gen test-suites test-suites-asan test-fault \
              test-checked test-warnings test-sanitizers-clang test-fortify \
              test-valgrind test-fuzz-replay test-integration test-bench

# One area after another, each with its compiles in parallel and its time.
test: all
	@start=$$(date +%s); for area in $(TEST_AREAS); do \
	  t0=$$(date +%s); \
	  $(MAKE) --no-print-directory -j$(JOBS) $$area || { echo "make test: FAILED in $$area"; exit 1; }; \
	  echo "[$$area: $$(($$(date +%s) - t0)) s]"; \
	done; \
	echo "make test: all passed in $$(($$(date +%s) - start)) s ($(TEST_AREAS))"

test-gen:
	$(LUACHECK) gen tests bench types.lua examples
	$(BUSTED) tests/gen

test-bench:
	$(MAKE) -C bench smoke

test-suites: $(SUITES)
	@for t in $(SUITES); do echo "== $$t"; $$t --jobs=2 || exit 1; done

# A worker's sanitizer report does not reach the suite's exit status, so
# run_suites.sh sends the reports to files and fails on any; the self-check
# (a Criterion test that leaks on purpose) proves that it sees them.
$(BUILD)/asan/leak_selfcheck: tests/matrix/leak_selfcheck.c
	@mkdir -p $(@D)
	$(CC) $(TEST_CSTD) -g -O0 $(SAN) $< -lcriterion -o $@

test-suites-asan: $(SUITES_SAN) $(BUILD)/asan/leak_selfcheck
	@if $(MATRIX_RUN) asancmd $(BUILD)/asan/selfcheck-logs 1 $(BUILD)/asan/leak_selfcheck --jobs=1 \
	   || ! grep -qs '77 byte(s) in 1 object(s)' $(BUILD)/asan/selfcheck-logs/asan.*; then \
	  echo "test-suites-asan: FAIL: LeakSanitizer's report of tests/matrix/leak_selfcheck.c was not seen"; exit 1; \
	fi; \
	if $(MATRIX_RUN) asan $(BUILD)/asan 2 $(TYPES); then \
	  echo "test-suites-asan: PASS $(CC) -fsanitize=address,undefined (leaks, container overflow): $$(cat $(BUILD)/asan.summary)"; \
	else echo "test-suites-asan: FAIL: $$(cat $(BUILD)/asan.summary)"; exit 1; fi

# ---- benchmarks ----------------------------------------------------------------

bench bench-quick:
	$(MAKE) -C bench $@

clean:
	rm -rf $(BUILD)
