-- make install into a temporary prefix: the exact file list, the installed command run
-- from another directory using the installed modules and templates only, both example
-- consumers built against the installed tree, uninstall leaving nothing behind; and a
-- staged DESTDIR install.
local support = dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".")
   .. "/support.lua")
local q, run, ok = support.q, support.run, support.ok

local function install_cmd(target, vars)
   return ("make --no-print-directory -f %s %s %s"):format(
      q(support.ROOT .. "/install.mk"), target, vars)
end

-- What install must write, relative to the prefix, sorted.
local function expected_files()
   local files = { "bin/vv32gen", "lib/cmake/VV32Gen/VV32Gen.cmake",
      "lib/cmake/VV32Gen/VV32GenConfig.cmake", "lib/cmake/VV32Gen/VV32GenConfigVersion.cmake",
      "share/man/man1/vv32gen.1", "share/vv32gen/vv32gen.mk" }
   for name in ok("ls " .. q(support.ROOT .. "/gen/vv32")):gmatch("[^\n]+") do
      if name:match("%.lua$") then files[#files + 1] = "share/lua/5.4/vv32/" .. name end
   end
   for name in ok("ls " .. q(support.ROOT .. "/templates")):gmatch("[^\n]+") do
      if name:match("%.tpl$") then files[#files + 1] = "share/vv32gen/templates/" .. name end
   end
   table.sort(files)
   return files
end

describe("make install / uninstall", function()
   local tmp, prefix, elsewhere

   setup(function()
      tmp = support.tempdir()
      prefix = tmp .. "/prefix"
      elsewhere = tmp .. "/elsewhere"
      ok("mkdir -p " .. q(elsewhere))
   end)

   teardown(function()
      support.remove(tmp)
   end)

   it("installs exactly the command, modules, templates, fragments and man page", function()
      ok(install_cmd("install", "PREFIX=" .. q(prefix)), elsewhere)
      assert.are.same(expected_files(), support.files_under(prefix))
      assert.are.equal(0, (run("test -x " .. q(prefix .. "/bin/vv32gen"))))
      ok("man -l " .. q(prefix .. "/share/man/man1/vv32gen.1") .. " >/dev/null 2>&1"
         .. " || groff -man -Tutf8 -z " .. q(prefix .. "/share/man/man1/vv32gen.1"))
   end)

   it("runs from another directory on the installed modules and templates only", function()
      local version = ok(q(prefix .. "/bin/vv32gen") .. " --version", elsewhere)
      assert.matches("^vv32gen %d+%.%d+%.%d+", version)
      local f = assert(io.open(elsewhere .. "/types.lua", "w"))
      f:write('valvec32 { name = "i32", type = "int32_t", includes = { "<stdint.h>" } }\n')
      f:close()
      -- Through PATH, as a user runs it; --depfile names every file the run read.
      ok("PATH=" .. q(prefix .. "/bin") .. ":$PATH vv32gen -o out --depfile out.d types.lua",
         elsewhere)
      assert.is_true(support.exists(elsewhere .. "/out/valvec32_i32.c"))
      ok("gcc -std=c99 -Wall -Werror -c -Iout out/valvec32_i32.c -o /dev/null", elsewhere)
      local depfile = support.read(elsewhere .. "/out.d")
      assert.matches(prefix .. "/bin/../share/vv32gen/templates/valvec32.h.tpl", depfile, 1, true)
      assert.matches(prefix .. "/bin/../share/lua/5.4/vv32/cli.lua", depfile, 1, true)
      assert.is_nil(depfile:find(support.ROOT .. "/", 1, true))
   end)

   it("serves the Make consumer through the installed vv32gen.mk", function()
      local dir = support.copy_example("make-consumer", tmp)
      local make = ("make VV32GEN_MK=%s %s"):format(
         q(prefix .. "/share/vv32gen/vv32gen.mk"), support.CC_FLAGS)
      ok(make, dir)
      assert.are.equal(support.DEMO_OUTPUT, ok("./demo", dir))
      assert.are.equal(0, (run(make .. " -q", dir)))
      local stamp = support.read(dir .. "/gen/.vv32gen-types.stamp")
      assert.matches(prefix .. "/bin/vv32gen", stamp, 1, true)
      assert.is_nil(stamp:find(support.ROOT .. "/", 1, true))
      ok(make .. " clean", dir)
   end)

   it("serves the CMake consumer through find_package(VV32Gen)", function()
      local src = support.copy_example("cmake-consumer", tmp)
      local build = tmp .. "/cmake-build"
      ok(("cmake -S %s -B %s -DCMAKE_PREFIX_PATH=%s -DCMAKE_C_FLAGS=-O0"):format(
         q(src), q(build), q(prefix)))
      local cache = support.read(build .. "/CMakeCache.txt")
      assert.matches("VV32Gen_DIR:PATH=" .. prefix .. "/lib/cmake/VV32Gen", cache, 1, true)
      assert.matches("VV32GEN_EXECUTABLE:FILEPATH=" .. prefix .. "/bin/vv32gen", cache, 1, true)
      ok("cmake --build " .. q(build))
      assert.are.equal(support.DEMO_OUTPUT, ok(q(build .. "/demo")))
      -- The version file: 0.1 is met by 0.1.x, 99 is not.
      local probe = tmp .. "/probe"
      ok("mkdir -p " .. q(probe))
      local f = assert(io.open(probe .. "/CMakeLists.txt", "w"))
      f:write("cmake_minimum_required(VERSION 3.20)\nproject(probe NONE)\n",
         "find_package(VV32Gen ${WANT} REQUIRED)\n",
         'message(STATUS "found VV32Gen ${VV32Gen_VERSION}")\n')
      f:close()
      local installed = ok(q(prefix .. "/bin/vv32gen") .. " --version"):match("(%d+%.%d+)%.%d+")
      ok(("cmake -S %s -B %s/a -DCMAKE_PREFIX_PATH=%s -DWANT=%s"):format(
         q(probe), q(probe), q(prefix), installed))
      assert.are_not.equal(0, (run(("cmake -S %s -B %s/b -DCMAKE_PREFIX_PATH=%s -DWANT=99"):format(
         q(probe), q(probe), q(prefix)))))
   end)

   it("uninstalls every file it installed, and its own directories", function()
      ok(install_cmd("uninstall", "PREFIX=" .. q(prefix)), elsewhere)
      assert.are.same({}, support.files_under(prefix))
      for _, d in ipairs({ "share/lua/5.4/vv32", "share/vv32gen", "lib/cmake/VV32Gen" }) do
         assert.is_false(support.exists(prefix .. "/" .. d))
      end
   end)

   it("installs into a DESTDIR stage that runs where it lies, and uninstalls from it", function()
      local stage = tmp .. "/stage"
      local vars = "PREFIX=/usr DESTDIR=" .. q(stage)
      ok(install_cmd("install", vars), elsewhere)
      local files = {}
      for _, file in ipairs(expected_files()) do files[#files + 1] = "usr/" .. file end
      assert.are.same(files, support.files_under(stage))
      assert.matches("^vv32gen ", ok(q(stage .. "/usr/bin/vv32gen") .. " --version", elsewhere))
      ok(q(stage .. "/usr/bin/vv32gen") .. " -q -o staged types.lua", elsewhere)
      assert.is_true(support.exists(elsewhere .. "/staged/valvec32_i32.h"))
      ok(install_cmd("uninstall", vars), elsewhere)
      assert.are.same({}, support.files_under(stage))
   end)
end)
