# tests/integration/integration.mk: `make test-integration` (included by the Makefile).
#
# Busted specs that build examples/make-consumer and examples/cmake-consumer from clean
# copies (twice, then after touching the spec, then with a new type), install into a
# temporary prefix and a DESTDIR stage and uninstall, and install the rockspec into a
# temporary tree. Everything happens in mktemp directories, removed afterwards; the
# checkout is not written to. Needs gcc, make, cmake >= 3.20 and luarocks; ninja is
# used when present. About a minute.

# Included before the includer's first rule, these rules must not become its default goal.
_it_default_goal := $(.DEFAULT_GOAL)
_it_dir := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

LUA    ?= lua5.4
BUSTED ?= $(LUA) /usr/bin/busted

.PHONY: test-integration
test-integration:
	$(BUSTED) $(_it_dir)

.DEFAULT_GOAL := $(_it_default_goal)
