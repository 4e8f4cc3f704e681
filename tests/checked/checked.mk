# tests/checked/checked.mk: the checked builds (design.md, "Checked builds"):
# ASan container-overflow annotations and VV32_DEBUG preconditions, probed for
# gcc and clang-14 by tests/checked/run.sh. Included by the Makefile;
# `make test` runs test-checked. Uses $(GENDIR) and $(BUILD).
#
#   make test-checked                           every case
#   make test-checked CHECKED_TYPES="i32 buf"   other types of types.lua
#   make test-checked CHECKED_CCS=gcc           one compiler

CHECKED_CCS   ?= gcc clang-14
CHECKED_TYPES ?= i32 point str u32 u8

.PHONY: test-checked

test-checked:
	GENDIR=$(GENDIR) BUILD=$(BUILD) CHECKED_CCS="$(CHECKED_CCS)" \
	  CHECKED_TYPES="$(CHECKED_TYPES)" bash tests/checked/run.sh
