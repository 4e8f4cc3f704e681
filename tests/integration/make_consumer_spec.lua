-- examples/make-consumer built from a clean copy with the checkout's vv32gen.mk:
-- a second build does nothing, a touched spec reruns vv32gen once and rebuilds nothing,
-- a new type reaches the program, a broken spec stops the build, clean never generates.
local support = dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".")
   .. "/support.lua")
local q, run, ok = support.q, support.run, support.ok

describe("examples/make-consumer", function()
   local tmp, dir, runs_log, make, templates

   -- Counts vv32gen's runs: a wrapper logs every call but --list-outputs.
   local function runs()
      if not support.exists(runs_log) then return 0 end
      local n = 0
      for _ in support.read(runs_log):gmatch("[^\n]+") do n = n + 1 end
      return n
   end

   setup(function()
      tmp = support.tempdir()
      dir = support.copy_example("make-consumer", tmp)
      runs_log = tmp .. "/runs.log"
      local wrapper = tmp .. "/vv32gen-counting"
      local f = assert(io.open(wrapper, "w"))
      f:write("#!/bin/sh\n",
         'case " $* " in *" --list-outputs "*) ;; *) echo run >> ', q(runs_log), " ;; esac\n",
         "exec ", support.LUA, " ", q(support.ROOT .. "/gen/vv32gen"), ' "$@"\n')
      f:close()
      ok("chmod +x " .. q(wrapper))
      -- A copy of the templates, so that a test may touch one.
      templates = support.copy_templates(tmp)
      make = ("VV32GEN_TEMPLATES=%s make VV32GEN_MK=%s VV32GEN=%s %s"):format(
         q(templates), q(support.ROOT .. "/vv32gen.mk"), q(wrapper), support.CC_FLAGS)
   end)

   teardown(function()
      support.remove(tmp)
   end)

   it("builds from a clean copy, running vv32gen once", function()
      local out = ok(make, dir)
      assert.are.equal(1, runs())
      assert.is_true(support.exists(dir .. "/gen/valvec32_i32.c"))
      assert.is_true(support.exists(dir .. "/gen/valvec32_rect.h"))
      assert.is_false(support.exists(dir .. "/gen/test_valvec32_i32.c"))   -- --no-tests
      assert.are.equal(4, #support.grep(out, "%-c .*%.c %-o build/"))      -- main + 3
      assert.are.equal(support.DEMO_OUTPUT, ok("./demo", dir))
   end)

   it("does nothing on the second build", function()
      assert.are.equal(0, (run(make .. " -q", dir)))
      local out = ok(make, dir)
      assert.matches("Nothing to be done", out)
      assert.are.equal(1, runs())
   end)

   it("reruns vv32gen once after the spec is touched, and rebuilds nothing", function()
      ok("touch types.lua", dir)
      local out = ok(make, dir)
      assert.are.equal(2, runs())
      assert.are.same({}, support.grep(out, "%-c "))        -- no compile
      assert.are.same({}, support.grep(out, "%-o demo"))    -- no link
      assert.are.equal(0, (run(make .. " -q", dir)))
      ok(make, dir)
      assert.are.equal(2, runs())
   end)

   it("reruns vv32gen once after a template is touched, and rebuilds nothing", function()
      ok("touch " .. q(templates .. "/valvec32.c.tpl"))
      local out = ok(make, dir)
      assert.are.equal(3, runs())
      assert.are.same({}, support.grep(out, "%-c "))
      assert.are.equal(0, (run(make .. " -q", dir)))
   end)

   it("brings a new type into the program without other steps", function()
      support.append(dir .. "/types.lua", support.NEW_TYPE)
      local out = ok(make, dir)
      assert.are.equal(4, runs())
      assert.are.equal(1, #support.grep(out, "%-c gen/valvec32_u16%.c"))
      assert.are.same({}, support.grep(out, "%-c gen/valvec32_i32%.c"))
      assert.are.equal(1, #support.grep(out, "valvec32_u16%.o .*%-o demo"))
      assert.are.equal(0, (run(make .. " -q", dir)))
      assert.are.equal(support.DEMO_OUTPUT, ok("./demo", dir))
   end)

   it("regenerates an output deleted by hand", function()
      ok("rm gen/valvec32_u16.h", dir)
      ok(make, dir)
      assert.are.equal(5, runs())
      assert.is_true(support.exists(dir .. "/gen/valvec32_u16.h"))
      assert.are.equal(0, (run(make .. " -q", dir)))
   end)

   it("stops on a broken spec with vv32gen's file:line message", function()
      local spec = support.read(dir .. "/types.lua")
      support.append(dir .. "/types.lua", '\nvalvec32 { name = "bad name", type = "int" }\n')
      local code, out = run(make, dir)
      assert.are_not.equal(0, code)
      assert.matches("types%.lua:%d+:", out)
      local f = assert(io.open(dir .. "/types.lua", "wb"))
      f:write(spec)
      f:close()
      ok(make, dir)
      assert.are.equal(0, (run(make .. " -q", dir)))
   end)

   it("cleans without generating, and leaves no generated file behind", function()
      local before = runs()
      ok(make .. " clean", dir)
      assert.are.equal(before, runs())
      assert.is_false(support.exists(dir .. "/gen"))
      assert.is_false(support.exists(dir .. "/build"))
      assert.is_false(support.exists(dir .. "/demo"))
   end)
end)
