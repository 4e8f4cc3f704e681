-- vv32gen, the development version, for LuaRocks: `luarocks --lua-version 5.4 make` in a
-- checkout installs the command, the modules and the templates into a rocks tree.
-- (For a system install with the Make fragment, the CMake package and the man page,
-- use `make install`.)
rockspec_format = "3.0"
package = "vv32gen"
version = "scm-1"

source = {
   url = "git+file://.",   -- built from a checkout with `luarocks make`
}

description = {
   summary = "Generates typed C vectors (valvec32_<name>) from a Lua type spec",
   detailed = [[
vv32gen reads a Lua spec naming C element types and writes, for each, a typed
vector with a 32-bit length and capacity, growth into the allocator's spare bytes,
memcpy bulk copies for plain data and clone/drop hooks for managed types, plus a
Criterion test suite per type. It is a build step: unchanged files keep their
mtimes, --depfile and --list-outputs serve Make and CMake, --check serves CI.]],
   license = "MIT",
   labels = { "codegen", "c", "vector" },
}

dependencies = {
   "lua >= 5.4, < 5.5",
   "luafilesystem",
   "penlight",
   "argparse",
}

build = {
   type = "builtin",
   -- Keep in step with gen/vv32/*.lua (tests/integration checks it).
   modules = {
      ["vv32.cli"] = "gen/vv32/cli.lua",
      ["vv32.ctype"] = "gen/vv32/ctype.lua",
      ["vv32.model"] = "gen/vv32/model.lua",
      ["vv32.paths"] = "gen/vv32/paths.lua",
      ["vv32.render"] = "gen/vv32/render.lua",
      ["vv32.spec"] = "gen/vv32/spec.lua",
      ["vv32.validate"] = "gen/vv32/validate.lua",
      ["vv32.write"] = "gen/vv32/write.lua",
   },
   install = {
      bin = { vv32gen = "gen/vv32gen" },
   },
   -- Into the rock's directory, beside its bin/: the script finds <its dir>/../templates
   -- as in a checkout.
   copy_directories = { "templates", "cmake", "doc" },
}
