# tests/fault/fault.mk: the reliability tests of tests/fault/ (fault injection at
# every allocation, clone failure at every element, the 32-bit limits).
# Included by the top-level Makefile, or run on its own:
#     make -f Makefile -f tests/fault/fault.mk test-fault
#
#   make test-fault   generate tests/fault/types.lua into $(BUILD)/fault/gen, build
#                     fault_alloc, fault_clone and fault_limits plain (-O2) and under
#                     ASan+UBSan, run all six; prints
#                     "fault injection: N failure points, M clone failure points, ..."
#   make test-huge    opt-in, ~4 GiB (8 GiB with its clone) and minutes: a uint8_t
#                     vector pushed to UINT32_MAX elements, then VV32_ECAPACITY
#
# Uses the top-level $(LUA), $(CC), $(BUILD), $(SAN).
# FAULT_LIMITS_ARGS=--push-all makes the zero-sized type reach UINT32_MAX by
# 4 Gi single pushes in the plain build (seconds) instead of resize + pushes.

FAULT_DIR    := tests/fault
FAULT_BUILD  := $(BUILD)/fault
FAULT_GEN    := $(FAULT_BUILD)/gen
FAULT_SPEC   := $(FAULT_DIR)/types.lua
FAULT_STAMP  := $(FAULT_BUILD)/gen.stamp
FAULT_GENCMD ?= $(LUA) gen/vv32gen --no-tests -o $(FAULT_GEN) $(FAULT_SPEC)
FAULT_LIMITS_ARGS ?=

FAULT_HDRS   := $(wildcard $(FAULT_DIR)/*.h) $(FAULT_DIR)/ft_type.inc $(wildcard $(FAULT_DIR)/support/*.h)
FAULT_CFLAGS := -std=gnu99 -g -Wall -Wextra -Wshadow -Wconversion -DVV32_FAULT_INJECTION \
                -I$(FAULT_GEN) -I$(FAULT_DIR)/support -I$(FAULT_DIR)

# The generated sources and the support files, compiled once per flavour:
# plain (-O2), san (ASan+UBSan), huge (-O2, no fault injection).
FAULT_TYPES  := ft_u32 ft_rec ft_str ft_obj ft_empty ft_big ft_giant
FAULT_ALLOC_OBJS  = $(patsubst %,$(FAULT_BUILD)/$(1)/valvec32_%.o,common ft_u32 ft_rec ft_str ft_obj) \
                    $(FAULT_BUILD)/$(1)/ft_alloc.o $(FAULT_BUILD)/$(1)/ft_hooks.o
FAULT_LIMITS_OBJS = $(patsubst %,$(FAULT_BUILD)/$(1)/valvec32_%.o,common ft_u32 ft_rec ft_str ft_empty ft_big ft_giant) \
                    $(FAULT_BUILD)/$(1)/ft_alloc.o $(FAULT_BUILD)/$(1)/ft_hooks.o
FAULT_FLAVOUR_plain := -O2
FAULT_FLAVOUR_san   := -O1 $(SAN)

FAULT_PROGS := fault_alloc fault_clone fault_limits
FAULT_BINS  := $(FAULT_PROGS:%=$(FAULT_BUILD)/plain/%) $(FAULT_PROGS:%=$(FAULT_BUILD)/san/%)

.PHONY: test-fault test-huge fault-gen

fault-gen: $(FAULT_STAMP)

# The generator leaves unchanged files alone; the stamp tells make it ran.
$(FAULT_STAMP): $(FAULT_SPEC) $(wildcard gen/vv32gen) $(wildcard gen/vv32/*.lua) \
                $(wildcard templates/*.tpl)
	@mkdir -p $(FAULT_GEN)
	$(FAULT_GENCMD)
	@touch $@

define FAULT_FLAVOUR_RULES
$(FAULT_BUILD)/$(1)/valvec32_%.o: $(FAULT_STAMP) $(wildcard $(FAULT_DIR)/support/*.h)
	@mkdir -p $$(@D)
	$(CC) $(FAULT_CFLAGS) $(FAULT_FLAVOUR_$(1)) -c $(FAULT_GEN)/valvec32_$$*.c -o $$@
$(FAULT_BUILD)/$(1)/%.o: $(FAULT_DIR)/support/%.c $(wildcard $(FAULT_DIR)/support/*.h)
	@mkdir -p $$(@D)
	$(CC) $(FAULT_CFLAGS) $(FAULT_FLAVOUR_$(1)) -c $$< -o $$@
$(FAULT_BUILD)/$(1)/fault_alloc $(FAULT_BUILD)/$(1)/fault_clone: $(FAULT_BUILD)/$(1)/%: $(FAULT_DIR)/%.c $(FAULT_HDRS) $(call FAULT_ALLOC_OBJS,$(1))
	$(CC) $(FAULT_CFLAGS) $(FAULT_FLAVOUR_$(1)) $$< $(call FAULT_ALLOC_OBJS,$(1)) -o $$@
$(FAULT_BUILD)/$(1)/fault_limits: $(FAULT_DIR)/fault_limits.c $(FAULT_HDRS) $(call FAULT_LIMITS_OBJS,$(1))
	$(CC) $(FAULT_CFLAGS) $(FAULT_FLAVOUR_$(1)) $$< $(call FAULT_LIMITS_OBJS,$(1)) -o $$@
endef
$(eval $(call FAULT_FLAVOUR_RULES,plain))
$(eval $(call FAULT_FLAVOUR_RULES,san))

# Without fault injection: the default allocator at full speed.
$(FAULT_BUILD)/huge/fault_huge: $(FAULT_DIR)/fault_huge.c $(FAULT_HDRS) $(FAULT_STAMP)
	@mkdir -p $(@D)
	$(CC) -std=gnu99 -g -O2 -Wall -Wextra -Wshadow -Wconversion -I$(FAULT_GEN) -I$(FAULT_DIR)/support \
	  -I$(FAULT_DIR) $< $(FAULT_GEN)/valvec32_common.c $(FAULT_GEN)/valvec32_ft_u8.c -o $@

# Each program prints its count on stdout and exits 1 after reporting every
# failed check on stderr; the plain and the sanitized runs must agree.
test-fault: $(FAULT_BINS)
	@set -e; \
	for f in plain san; do \
	  echo "== fault_alloc ($$f)"; \
	  a=$$($(FAULT_BUILD)/$$f/fault_alloc); echo "$$a"; \
	  echo "== fault_clone ($$f)"; \
	  c=$$($(FAULT_BUILD)/$$f/fault_clone); echo "$$c"; \
	  echo "== fault_limits ($$f)"; \
	  if [ $$f = plain ]; then l=$$($(FAULT_BUILD)/$$f/fault_limits $(FAULT_LIMITS_ARGS)); \
	  else l=$$($(FAULT_BUILD)/$$f/fault_limits); fi; echo "$$l"; \
	  n=$${a##*: }; m=$${c##*: }; \
	  if [ -n "$$n0" ] && { [ "$$n" != "$$n0" ] || [ "$$m" != "$$m0" ]; }; then \
	    echo "test-fault: plain and sanitized runs disagree"; exit 1; fi; \
	  n0=$$n; m0=$$m; \
	done; \
	echo "fault injection: $$n failure points, $$m clone failure points, all unchanged, 0 leaks, 0 double drops"; \
	echo "test-huge: SKIPPED (opt-in: about 8 GiB and minutes; run make test-huge)"

test-huge: $(FAULT_BUILD)/huge/fault_huge
	$(FAULT_BUILD)/huge/fault_huge
