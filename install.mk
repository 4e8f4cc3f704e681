# install.mk: `make install` and `make uninstall` (included by the Makefile).
#
#   make install   PREFIX=/usr/local DESTDIR=   (the defaults)
#   make uninstall PREFIX=/usr/local DESTDIR=   removes exactly what install writes
#
# Installed layout (Debian style; nothing in it names PREFIX or DESTDIR, so a staged
# DESTDIR tree or a moved prefix works as is):
#   bin/vv32gen                            finds the rest relative to itself
#   share/lua/5.4/vv32/*.lua               the generator's modules
#   share/vv32gen/templates/*.tpl          the C templates
#   share/vv32gen/vv32gen.mk               the GNU Make fragment
#   lib/cmake/VV32Gen/VV32GenConfig.cmake  find_package(VV32Gen), with
#       VV32Gen.cmake, VV32GenConfigVersion.cmake
#   share/man/man1/vv32gen.1
#
# bin/vv32gen is gen/vv32gen with one line changed: the checkout's launcher puts
# <script dir>/?.lua first on package.path (gen/vv32/ beside gen/vv32gen); the
# installed one puts <script dir>/../share/lua/5.4/?.lua there. paths.lua already
# looks for <script dir>/../share/vv32gen/templates.

# Included before the includer's first rule, these rules must not become its default goal.
_inst_default_goal := $(.DEFAULT_GOAL)

PREFIX  ?= /usr/local
DESTDIR ?=
LUA     ?= lua5.4
INSTALL ?= install

_inst_src := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

_inst_bindir   = $(DESTDIR)$(PREFIX)/bin
_inst_luadir   = $(DESTDIR)$(PREFIX)/share/lua/5.4/vv32
_inst_datadir  = $(DESTDIR)$(PREFIX)/share/vv32gen
_inst_tpldir   = $(_inst_datadir)/templates
_inst_cmakedir = $(DESTDIR)$(PREFIX)/lib/cmake/VV32Gen
_inst_mandir   = $(DESTDIR)$(PREFIX)/share/man/man1

_inst_modules   = $(sort $(wildcard $(_inst_src)/gen/vv32/*.lua))
_inst_templates = $(sort $(wildcard $(_inst_src)/templates/*.tpl))
_inst_cmake     = $(_inst_src)/cmake/VV32GenConfig.cmake $(_inst_src)/cmake/VV32Gen.cmake

# What uninstall removes: the same lists as install.
_inst_files = $(_inst_bindir)/vv32gen \
   $(patsubst $(_inst_src)/gen/vv32/%,$(_inst_luadir)/%,$(_inst_modules)) \
   $(patsubst $(_inst_src)/templates/%,$(_inst_tpldir)/%,$(_inst_templates)) \
   $(_inst_datadir)/vv32gen.mk \
   $(_inst_cmakedir)/VV32GenConfig.cmake $(_inst_cmakedir)/VV32Gen.cmake \
   $(_inst_cmakedir)/VV32GenConfigVersion.cmake \
   $(_inst_mandir)/vv32gen.1

.PHONY: install uninstall

install:
	@test -n '$(_inst_modules)' -a -n '$(_inst_templates)' \
	   || { echo 'install: no gen/vv32/*.lua or templates/*.tpl' >&2; exit 1; }
	@version=$$($(LUA) $(_inst_src)/gen/vv32gen --version) \
	   && version=$${version##* } && test -n "$$version" \
	   || { echo 'install: `$(LUA) gen/vv32gen --version` failed' >&2; exit 1; }; \
	 $(INSTALL) -d '$(_inst_bindir)' '$(_inst_luadir)' '$(_inst_tpldir)' \
	    '$(_inst_cmakedir)' '$(_inst_mandir)' && \
	 sed 's|script_dir \.\. "/?\.lua;"|script_dir .. "/../share/lua/5.4/?.lua;"|' \
	    $(_inst_src)/gen/vv32gen > '$(_inst_bindir)/vv32gen.tmp' && \
	 if ! grep -q 'share/lua/5\.4/?\.lua' '$(_inst_bindir)/vv32gen.tmp'; then \
	    rm -f '$(_inst_bindir)/vv32gen.tmp'; \
	    echo 'install: gen/vv32gen no longer sets package.path as install.mk expects' >&2; \
	    exit 1; \
	 fi && \
	 chmod 755 '$(_inst_bindir)/vv32gen.tmp' && \
	 mv -f '$(_inst_bindir)/vv32gen.tmp' '$(_inst_bindir)/vv32gen' && \
	 $(INSTALL) -m 644 $(_inst_modules) '$(_inst_luadir)/' && \
	 $(INSTALL) -m 644 $(_inst_templates) '$(_inst_tpldir)/' && \
	 $(INSTALL) -m 644 $(_inst_src)/vv32gen.mk '$(_inst_datadir)/' && \
	 $(INSTALL) -m 644 $(_inst_cmake) '$(_inst_cmakedir)/' && \
	 sed "s/@VV32GEN_VERSION@/$$version/g" $(_inst_src)/cmake/VV32GenConfigVersion.cmake.in \
	    > '$(_inst_cmakedir)/VV32GenConfigVersion.cmake' && \
	 chmod 644 '$(_inst_cmakedir)/VV32GenConfigVersion.cmake' && \
	 $(INSTALL) -m 644 $(_inst_src)/doc/vv32gen.1 '$(_inst_mandir)/' && \
	 echo "installed vv32gen $$version in $(DESTDIR)$(PREFIX)"

# Removes the files, then the directories only vv32gen uses, when that left them empty;
# shared ones (bin, share/man/man1, share/lua/5.4, lib/cmake) stay.
uninstall:
	rm -f $(_inst_files)
	-@rmdir '$(_inst_luadir)' '$(_inst_tpldir)' '$(_inst_cmakedir)' 2>/dev/null; \
	 rmdir '$(_inst_datadir)' 2>/dev/null; true

.DEFAULT_GOAL := $(_inst_default_goal)
