-- examples/cmake-consumer built from a clean copy with the checkout's cmake/ package:
-- a second build does no work, a touched spec reruns vv32gen once and compiles nothing,
-- a new type reaches the library without running cmake by hand, the source tree stays
-- clean. With the Makefile generator always; with Ninja too when ninja is installed.
local support = dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".")
   .. "/support.lua")
local q, ok = support.q, support.ok

-- Lines that show work in `cmake --build` output (either generator).
local function work(out)
   local hits = {}
   for _, pattern in ipairs({ "Building C", "Linking C", "vv32gen types%.lua", "%.c%.o" }) do
      for _, line in ipairs(support.grep(out, pattern)) do hits[#hits + 1] = line end
   end
   return hits
end

local function consumer(generator)
   return function()
      local tmp, src, build, cmake, templates, src_files

      setup(function()
         tmp = support.tempdir()
         src = support.copy_example("cmake-consumer", tmp)
         src_files = support.files_under(src)
         build = tmp .. "/build"
         -- The fallback PATHS in CMakeLists.txt reach ../../cmake: the copy has no such
         -- directory, so point VV32Gen_DIR at the checkout's.
         -- A copy of the templates, so that a test may touch one.
         templates = support.copy_templates(tmp)
         local env = "VV32GEN_TEMPLATES=" .. q(templates) .. " "
         cmake = env .. "cmake --build " .. q(build)
         ok(env .. ("cmake -G %s -S %s -B %s -DVV32Gen_DIR=%s -DCMAKE_C_FLAGS=-O0"):format(
            q(generator), q(src), q(build), q(support.ROOT .. "/cmake")))
      end)

      teardown(function()
         support.remove(tmp)
      end)

      it("builds from a clean copy", function()
         local out = ok(cmake)
         assert.are.equal(1, #support.grep(out, "vv32gen types%.lua"))
         assert.are.equal(support.DEMO_OUTPUT, ok(q(build .. "/demo")))
         -- Outputs in the build tree; users of the library got its include directory.
         assert.is_true(support.exists(build .. "/vv32gen/shapes_vec/valvec32_i32.h"))
         assert.is_false(support.exists(build .. "/vv32gen/shapes_vec/test_valvec32_i32.c"))
      end)

      it("does no work on the second build", function()
         assert.are.same({}, work(ok(cmake)))
      end)

      it("reruns vv32gen once after the spec is touched, and compiles nothing", function()
         ok("touch " .. q(src .. "/types.lua"))
         local out = ok(cmake)
         assert.are.equal(1, #support.grep(out, "vv32gen types%.lua"))
         assert.are.same({}, support.grep(out, "Building C"))
         assert.are.same({}, support.grep(out, "%.c%.o"))
         assert.are.same({}, work(ok(cmake)))
      end)

      it("reruns vv32gen once after a template is touched (DEPFILE), compiling nothing",
         function()
            ok("touch " .. q(templates .. "/valvec32.h.tpl"))
            local out = ok(cmake)
            assert.are.equal(1, #support.grep(out, "vv32gen types%.lua"))
            assert.are.same({}, support.grep(out, "%.c%.o"))
            assert.are.same({}, work(ok(cmake)))
         end)

      it("brings a new type into the library without running cmake by hand", function()
         support.append(src .. "/types.lua", support.NEW_TYPE)
         local out = ok(cmake)
         assert.are.equal(1, #support.grep(out, "valvec32_u16%.c%.o"))
         assert.are.same({}, support.grep(out, "valvec32_i32%.c%.o"))
         assert.are.equal(support.DEMO_OUTPUT, ok(q(build .. "/demo")))
         assert.matches("valvec32_u16", ok("ar t " .. q(build .. "/libshapes_vec.a")))
         assert.are.same({}, work(ok(cmake)))
      end)

      it("leaves the source tree as it was", function()
         assert.are.same(src_files, support.files_under(src))
         assert.is_false(support.exists(src .. "/vv32gen"))
      end)
   end
end

describe("examples/cmake-consumer (Unix Makefiles)", consumer("Unix Makefiles"))

if support.has("ninja") then
   describe("examples/cmake-consumer (Ninja)", consumer("Ninja"))
end
