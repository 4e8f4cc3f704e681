-- vv32.spec: the sandbox, the limits, and file:line on every error.
local helpers = require "gen_helpers"
local spec = require "vv32.spec"

local SMALL = { instructions = 200000, memory = 16 * 1024 * 1024 }

local function run(source, limits)
   return spec.run(source, "types.lua", limits or SMALL)
end

local function error_of(source, limits)
   local loaded, message = run(source, limits)
   assert.is_nil(loaded)
   return message
end

describe("vv32.spec", function()
   describe("records calls", function()
      it("keeps every valvec32 and output call with its line, in call order", function()
         local loaded = assert(run('output "gen"\n\nvalvec32 { name = "a", type = "int" }\n'
            .. 'valvec32 { name = "b", type = "int" }'))
         assert.same({
            { func = "output", line = 1, args = { n = 1, "gen" } },
            { func = "valvec32", line = 3, args = { n = 1, { name = "a", type = "int" } } },
            { func = "valvec32", line = 4, args = { n = 1, { name = "b", type = "int" } } },
         }, loaded.calls)
         assert.equal("types.lua", loaded.path)
      end)

      it("records the line of the call inside a helper function", function()
         local loaded = assert(run(
            'local function pod(n, t)\n   valvec32 { name = n, type = t }\nend\npod("a", "int")'))
         assert.equal(2, loaded.calls[1].line)
      end)

      it("snapshots the table, so later changes by the spec are not seen", function()
         local loaded = assert(run(
            'local t = { name = "a", type = "int" }\nvalvec32(t)\nt.name = "b"\nvalvec32(t)'))
         assert.equal("a", loaded.calls[1].args[1].name)
         assert.equal("b", loaded.calls[2].args[1].name)
      end)

      it("copies cyclic tables without looping", function()
         local loaded = assert(run('local t = { name = "a" }\nt.self = t\nvalvec32(t)'))
         local copy = loaded.calls[1].args[1]
         assert.equal(copy, copy.self)
      end)

      it("records argument counts for validation", function()
         local loaded = assert(run('valvec32()\noutput("a", "b")'))
         assert.equal(0, loaded.calls[1].args.n)
         assert.equal(2, loaded.calls[2].args.n)
      end)
   end)

   describe("sandbox", function()
      it("offers exactly design.md's whitelist", function()
         local loaded = assert(run([[
            local names = {}
            for name in pairs(_ENV) do names[#names + 1] = name end
            table.sort(names)
            valvec32 { names = table.concat(names, " ") }]]))
         assert.equal("assert error ipairs math output pairs select string table tonumber"
            .. " tostring type valvec32", loaded.calls[1].args[1].names)
      end)

      for _, name in ipairs { "io", "os", "require", "load", "loadstring", "dofile", "debug",
         "package", "rawset", "rawget", "setmetatable", "getmetatable", "collectgarbage",
         "print", "coroutine", "utf8", "pcall", "next", "_G" } do
         it("hides " .. name, function()
            local loaded = assert(run(("valvec32 { seen = %s ~= nil }"):format(name)))
            assert.is_false(loaded.calls[1].args[1].seen)
         end)
      end

      it("hides string.dump, also through a string's methods", function()
         local loaded = assert(run(
            'valvec32 { a = string.dump == nil, b = ("").dump == nil, c = ("x").rep ~= nil }'))
         assert.same({ a = true, b = true, c = true }, loaded.calls[1].args[1])
      end)

      it("restores the string metatable after a run, even after an error", function()
         local index = getmetatable("").__index
         error_of('error("boom")')
         assert.equal(index, getmetatable("").__index)
         assert(run('valvec32 {}'))
         assert.equal(index, getmetatable("").__index)
         assert.is_function(("").dump)
      end)

      it("gives each run its own library copies", function()
         assert(run('string.format = nil\ntable.concat = nil\nmath.floor = nil\nvalvec32 {}'))
         assert.equal("1", string.format("%d", 1))
         local loaded = assert(run('valvec32 { f = type(string.format) }'))
         assert.equal("function", loaded.calls[1].args[1].f)
      end)

      it("keeps its own valvec32 and output when the spec replaces them", function()
         local loaded = assert(run('valvec32 { name = "a" }\nvalvec32 = nil\noutput = print'))
         assert.equal(1, #loaded.calls)
      end)

      it("rejects bytecode", function()
         local bytecode = string.dump(function() end)
         assert.equal("types.lua:1: spec is precompiled Lua bytecode; only Lua source is accepted",
            error_of(bytecode))
      end)
   end)

   describe("errors", function()
      it("reports syntax errors as file:line", function()
         assert.equal("types.lua:2: unexpected symbol near '='", error_of('local a = 1\nx = = 1'))
      end)

      it("keeps the full path even where Lua shortens it", function()
         local path = ("d"):rep(80) .. "/types.lua"
         local _, message = spec.run('x = = 1', path, SMALL)
         assert.equal(path .. ":1: unexpected symbol near '='", message)
         _, message = spec.run('\nerror("boom")', path, SMALL)
         assert.equal(path .. ":2: boom", message)
      end)

      it("gives errors without a position the line reached", function()
         assert.equal("types.lua:2: nope", error_of('local a = 1\nassert(false, "nope")'))
         assert.equal("types.lua:3: boom", error_of('\n\nerror("boom", 0)'))
      end)

      it("uses the line error() names at level 2", function()
         assert.equal("types.lua:4: bad",
            error_of('local function f()\n   error("bad", 2)\nend\nf()'))
      end)

      it("names the type of a non-string error value", function()
         assert.equal("types.lua:1: error raised with a table value", error_of('error({})'))
         assert.equal("types.lua:2: error raised with a nil value", error_of('\nerror()'))
         assert.equal("types.lua:1: error raised with a boolean value", error_of('error(true)'))
         assert.equal("types.lua:1: 42", error_of('error(42)'))
      end)

      it("reports argument errors of wrapped functions at the spec's line", function()
         assert.equal("types.lua:2: bad argument #1 to 'rep' (string expected, got table)",
            error_of('local a\nlocal s = string.rep({}, 2)'))
      end)
   end)

   describe("limits", function()
      it("stops an endless loop at the instruction limit, naming the line", function()
         assert.equal("types.lua:3: spec exceeded the instruction limit",
            error_of('local n = 0\n\nwhile true do n = n + 1 end'))
      end)

      it("stops endless recursion through tail calls", function()
         assert.equal("types.lua:1: spec exceeded the instruction limit",
            error_of('local function f() return f() end\nf()'))
      end)

      it("stops the real instruction limit within a few seconds", function()
         local started = os.time()
         local _, message = spec.run('while true do end', "types.lua")
         assert.equal("types.lua:1: spec exceeded the instruction limit", message)
         assert.is_true(os.time() - started <= 5)
      end)

      it("refuses a huge string.rep before allocating", function()
         assert.equal("types.lua:1: spec exceeded the memory limit",
            error_of('local s = string.rep("x", 1 << 40)'))
         assert.equal("types.lua:1: spec exceeded the memory limit",
            error_of('local s = ("x"):rep(1 << 40, ",")'))
      end)

      it("refuses gsub, format and concat results past the limit", function()
         local big = 'local s = ("x"):rep(8000)\n'
         assert.equal("types.lua:2: spec exceeded the memory limit",
            error_of(big .. 'local t = s:gsub(".", s)'))
         assert.equal("types.lua:2: spec exceeded the memory limit",
            error_of(big .. 'local t = s:gsub(".", function() return s end)'))
         assert.equal("types.lua:2: spec exceeded the memory limit",
            error_of(big .. 'local t = s:gsub(".", { x = s })'))
         assert.equal("types.lua:4: spec exceeded the memory limit",
            error_of(big .. 'local list = {}\nfor i = 1, 4000 do list[i] = s end\n'
               .. 'local t = table.concat(list)', { instructions = 1e6, memory = 8 * 2 ^ 20 }))
         assert.equal("types.lua:3: spec exceeded the memory limit", error_of(big
            .. 'local m = s:rep(1000)\nlocal t = string.format("%s%s%s%s", m, m, m, m)'))
      end)

      it("keeps the wrapped functions' results", function()
         local loaded = assert(run([[valvec32 {
            rep = ("ab"):rep(3, "-"), gsub = ("a.b"):gsub("%.", "_"),
            fn = ("abc"):gsub("%w", function(c) return c:upper() end),
            map = ("abc"):gsub("%w", { a = "1" }),
            format = ("%d-%s"):format(7, "x"), concat = table.concat({ 1, "b" }, "+"),
         }]]))
         assert.same({ rep = "ab-ab-ab", gsub = "a_b", fn = "ABC", map = "1bc",
            format = "7-x", concat = "1+b" }, loaded.calls[1].args[1])
      end)

      it("stops a growing table at the memory limit", function()
         assert.equal("types.lua:3: spec exceeded the memory limit",
            error_of('local t = {}\nfor i = 1, math.huge do\n   t[i] = { i }\nend',
               { instructions = 1e9, memory = 8 * 2 ^ 20 }))
      end)

      it("lets garbage be collected rather than counting it", function()
         assert(run('for i = 1, 2000 do local s = ("x"):rep(10000) end\nvalvec32 {}',
            { instructions = 1e7, memory = 4 * 2 ^ 20 }))
      end)
   end)

   describe("load", function()
      local dir
      before_each(function() dir = helpers.tmpdir() end)
      after_each(function() helpers.rmtree(dir) end)

      it("reads and runs a file", function()
         local path = helpers.spec_file(dir, 'valvec32 { name = "a", type = "int" }')
         local loaded = assert(spec.load(path, SMALL))
         assert.equal(path, loaded.path)
         assert.equal(1, #loaded.calls)
      end)

      it("calls a missing file an I/O error", function()
         local loaded, message, kind = spec.load(dir .. "/missing.lua")
         assert.is_nil(loaded)
         assert.equal("cannot open spec " .. dir .. "/missing.lua: No such file or directory",
            message)
         assert.equal("io", kind)
      end)

      it("calls a directory an I/O error", function()
         local _, message, kind = spec.load(dir)
         assert.equal("cannot read spec " .. dir .. ": Is a directory", message)
         assert.equal("io", kind)
      end)

      it("calls a broken spec a spec error", function()
         local path = helpers.spec_file(dir, 'error("x")')
         local _, message, kind = spec.load(path)
         assert.equal(path .. ":1: x", message)
         assert.equal("spec", kind)
      end)
   end)
end)
