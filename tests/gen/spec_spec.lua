-- vv32.spec: the sandbox, the limits, and file:line on every error.
local helpers = require "gen_helpers"
local lfs = require "lfs"
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

      it("puts a message on one line, escaping control characters", function()
         assert.equal([[types.lua:2: first line\nsecond line \27[31mred\t\0]],
            error_of('\nerror("first line\\nsecond line \\27[31mred\\t\\0")'))
      end)

      it("takes the line from the spec's frames, not from a position in the text", function()
         assert.equal("types.lua:2: spoofed", error_of('\nerror("types.lua:999: spoofed", 0)'))
         assert.equal("types.lua:2: spoofed",
            error_of('\nerror("types.lua:999: spoofed", 2)'))
         assert.equal("types.lua:1: x", error_of('error("types.lua:1: x", 0)'))
      end)

      it("finds the spec's line quickly below a deep stack", function()
         local limits = { instructions = 1e8, memory = 64 * 2 ^ 20 }
         local started = os.clock()
         assert.equal("types.lua:4: stack overflow", error_of('local t = {}\nlocal c = t\n'
            .. 'for i = 1, 300000 do c[1] = {}; c = c[1] end\nvalvec32(t)', limits))
         assert.equal("types.lua:2: x", error_of('local function f(n)\n'
            .. '   if n == 0 then error("types.lua:999: x", 0) end\n'
            .. '   return 1 + f(n - 1)\nend\nf(150000)', limits))
         assert.is_true(os.clock() - started < 5)
      end)

      it("reports nesting too deep for the parser at its line, without a traceback", function()
         local parens = "local x = " .. ("("):rep(300) .. "1" .. (")"):rep(300)
         assert.equal("types.lua:3: the spec nests too deeply",
            error_of('local a = 1\n\n' .. parens))
         assert.equal("types.lua:2: the spec nests too deeply",
            error_of('local a = 1\r\n' .. ("do "):rep(300) .. ("end "):rep(300)))
         -- One brace a line: the line where the parser gave up, deep inside the nesting.
         local line = tonumber(error_of('local t =\n' .. ("{\n"):rep(300) .. ("}"):rep(300))
            :match("^types%.lua:(%d+): the spec nests too deeply$"))
         assert.is_true(line > 100 and line <= 301, tostring(line))
      end)

      it("skips a UTF-8 byte order mark and a #! first line, as lua5.4 does", function()
         local loaded = assert(run('\239\187\191valvec32 { name = "a" }'))
         assert.equal(1, loaded.calls[1].line)
         assert.equal("types.lua:3: x", error_of('#!/usr/bin/env lua5.4\n\nerror("x")'))
         assert.equal("types.lua:2: x", error_of('\239\187\191#!/bin/vv32gen\nerror("x")'))
         assert.equal("types.lua:1: spec is precompiled Lua bytecode; only Lua source is accepted",
            error_of("#!/usr/bin/lua\n" .. string.dump(function() end)))
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

      it("stops at the default instruction limit before the time limit", function()
         local _, message = spec.run('while true do end', "types.lua")
         assert.equal("types.lua:1: spec exceeded the instruction limit", message)
      end)

      it("stops a spec whose library calls add up past the time limit", function()
         local limits = { instructions = 1e8, memory = 64 * 1024 * 1024, seconds = 0.2 }
         assert.equal("types.lua:3: spec exceeded the time limit", error_of(
            'local s = string.rep("a", 1 << 20)\n' ..
            'local n = 0\n' ..
            'while true do n = n + #s:upper() end', limits))
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

      it("refuses a pattern that could backtrack too long, naming the function", function()
         assert.equal("types.lua:2: find: pattern would backtrack too long on a 30-byte string",
            error_of('local s = ("a"):rep(30)\nlocal r = s:find(".-.-.-.-.-.-.-.-b")'))
         local hang = 'local s = string.rep("a", 5000)\n'
         assert.equal("types.lua:2: find: pattern would backtrack too long on a 5000-byte string",
            error_of(hang .. 'local r = s:find(".-.-.-.-.-.-.-b")'))
         assert.equal("types.lua:2: match: pattern would backtrack too long on a 5000-byte string",
            error_of(hang .. 'local r = string.match(s, "^(.*)(.*)(.*)b")'))
         assert.equal("types.lua:2: gmatch: pattern would backtrack too long on a 5000-byte string",
            error_of(hang .. 'for m in s:gmatch("a*a*a*b") do end'))
         assert.equal("types.lua:2: gsub: pattern would backtrack too long on a 5000-byte string",
            error_of(hang .. 'local r = s:gsub("(a-)%1b", "")'))
      end)

      it("lets ordinary patterns work on strings of several KB", function()
         local loaded = assert(run([[
            local s = ("key = value, "):rep(400)
            local pairs_found = 0
            for k, v in s:gmatch("(%w+)%s*=%s*(%w+)") do pairs_found = pairs_found + 1 end
            valvec32 {
               trimmed = #(("  x  "):rep(1000):match("^%s*(.-)%s*$")),
               squeezed = #s:gsub("%s+", " "),
               found = s:find(".-.-.-.-.-.-b", 1, true),
               pairs_found = pairs_found,
               spaces = #(" "):rep(5000):gsub("%s+", ""),
            }]], { instructions = 1e7, memory = 16 * 2 ^ 20 }))
         assert.same({ trimmed = 4996, squeezed = 5200, pairs_found = 400, spaces = 0 },
            loaded.calls[1].args[1])
      end)

      it("counts the elements table.move moves against the instruction limit", function()
         assert.equal("types.lua:2: spec exceeded the instruction limit",
            error_of('local t = {}\ntable.move(t, 1, 1e7, 1, {})'))
         assert.equal("types.lua:1: spec exceeded the instruction limit",
            error_of('table.move({}, 1, math.maxinteger - 1, 1, {})'))
         local loaded = assert(run('valvec32 { table.unpack(table.move({ 1, 2, 3 }, 1, 3, 2)) }'))
         assert.same({ 1, 1, 2, 3 }, loaded.calls[1].args[1])
      end)

      it("refuses string.pack results past the limit, and keeps pack working", function()
         assert.equal("types.lua:1: spec exceeded the memory limit",
            error_of('local s = string.pack("c100000000", "")'))
         assert.equal("types.lua:1: spec exceeded the memory limit",
            error_of('local s = string.pack("c2000000000c2000000000", "", "")'))
         local loaded = assert(run('valvec32 { (string.unpack("i4", string.pack("i4", 7))) }'))
         assert.equal(7, loaded.calls[1].args[1][1])
      end)

      it("coerces table.concat's positions as Lua does before checking the size", function()
         local list = 'local s = ("x"):rep(1000000)\nlocal t = {}\nfor i = 1, 20 do t[i] = s end\n'
         for _, first in ipairs { "1", "1.0", '"1"', '" 0x1 "' } do
            assert.equal("types.lua:4: spec exceeded the memory limit",
               error_of(list .. ("local big = table.concat(t, '', %s)"):format(first)), first)
         end
         assert.equal("types.lua:4: bad argument #3 to 'concat' (number has no integer"
            .. " representation)", error_of(list .. 'local big = table.concat(t, "", 1.5)'))
      end)

      it("refuses copies of a string past the limit", function()
         local big = 'local s = ("x"):rep(10000000)\n'
         for _, copy in ipairs { "s:upper()", "s:lower()", "s:reverse()", "s:sub(1)",
            "string.sub(s, -10000000, 10000000)", "s:sub(2.0, '-2')" } do
            assert.equal("types.lua:2: spec exceeded the memory limit",
               error_of(big .. "local t = " .. copy), copy)
         end
         local loaded = assert(run(big .. 'valvec32 { #s:sub(-3), #s:sub(5, 4), #s:sub(0, 2),'
            .. ' ("abc"):upper(), ("aBc"):lower(), ("abc"):reverse(), ("abcdef"):sub(-3, -2) }'))
         assert.same({ 3, 0, 2, "ABC", "abc", "cba", "de" }, loaded.calls[1].args[1])
      end)

      it("checks the memory as the spec ends, so a big `..` result is refused", function()
         assert.equal("types.lua:3: spec exceeded the memory limit", error_of(
            'local s = ("x"):rep(4000000)\nlocal t = s .. s .. s .. s .. s\nvalvec32 {}'))
         assert.equal("types.lua:2: spec exceeded the memory limit", error_of(
            'local s = ("x"):rep(4000000)\nlocal t = s .. s .. s .. s .. s'))
      end)

      it("estimates gsub with captures by the subject, not subject times matches", function()
         local loaded = assert(run('local s = string.rep("ab", 10000)\n'
            .. 'valvec32 { #s:gsub("(a)", "%1"), #s:gsub("a", "%0%0"), #s:gsub("()", "%1") }'))
         assert.same({ 20000, 30000, 108899 }, loaded.calls[1].args[1])
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
         -- One line for the whole loop: which of its instructions the check lands on varies.
         assert.equal("types.lua:3: spec exceeded the memory limit",
            error_of('local t = {}\n\nfor i = 1, math.huge do t[i] = { i } end',
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
         assert.equal("cannot read spec " .. dir .. ": not a regular file", message)
         assert.equal("io", kind)
      end)

      it("refuses what is not a regular file, also through a symlink, unread", function()
         assert(lfs.link("/dev/null", dir .. "/null.lua", true))
         local loaded, message, kind = spec.load(dir .. "/null.lua")
         assert.is_nil(loaded)
         assert.equal("cannot read spec " .. dir .. "/null.lua: not a regular file", message)
         assert.equal("io", kind)
         -- Opening a FIFO for reading would block until a writer comes.
         assert(os.execute("mkfifo " .. helpers.shell_quote(dir .. "/fifo.lua")))
         loaded, message = spec.load(dir .. "/fifo.lua")
         assert.is_nil(loaded)
         assert.equal("cannot read spec " .. dir .. "/fifo.lua: not a regular file", message)
         helpers.spec_file(dir, 'valvec32 {}', "real.lua")
         assert(lfs.link(dir .. "/real.lua", dir .. "/link.lua", true))
         assert.equal(1, #assert(spec.load(dir .. "/link.lua", SMALL)).calls)
      end)

      it("refuses a spec larger than 16 MiB", function()
         assert.equal(16 * 1024 * 1024, spec.MAX_SPEC_BYTES)
         local max = spec.MAX_SPEC_BYTES
         finally(function() spec.MAX_SPEC_BYTES = max end)
         spec.MAX_SPEC_BYTES = 2 * 1024 * 1024
         local path = helpers.spec_file(dir, ("-"):rep(2 * 1024 * 1024))
         assert(spec.load(path, SMALL))
         helpers.write(path, ("-"):rep(2 * 1024 * 1024 + 1))
         local loaded, message, kind = spec.load(path, SMALL)
         assert.is_nil(loaded)
         assert.equal("cannot read spec " .. path .. ": larger than 2 MiB", message)
         assert.equal("io", kind)
         assert(spec.load(helpers.spec_file(dir, ""), SMALL))
      end)

      it("calls a broken spec a spec error", function()
         local path = helpers.spec_file(dir, 'error("x")')
         local _, message, kind = spec.load(path)
         assert.equal(path .. ":1: x", message)
         assert.equal("spec", kind)
      end)
   end)
end)
