-- vv32.spec: runs a spec (Lua source text, never bytecode) in a sandbox holding only
-- design.md's whitelist, under instruction and memory limits, and records every
-- valvec32/output call with its source line. A broken spec is a value, never a raise.
--
-- What the limits cover:
-- * Lua code: the instruction count and the memory in use are checked every
--   HOOK_INTERVAL VM instructions; the memory also on every function return, so also
--   as the spec ends, while its locals (say, the result of a `..` chain) still live.
-- * Library calls run in C, where no hook fires, so each one that can allocate much or
--   loop long in a single call is checked before it runs: string.rep, gsub, format,
--   pack, upper, lower, reverse and sub and table.concat against the memory left;
--   table.move against the instructions left; find, match, gmatch and gsub against
--   PATTERN_WORK, a bound on the backtracking their pattern may do on the subject.
-- * Not covered: one `..` chain runs in C and can allocate far past the limit before
--   the next check (at worst the process runs out of memory, which is still an error);
--   and the instruction limit counts a library call as one instruction whatever its
--   size, so many calls on big strings or tables could take long in total: the hook
--   also stops a spec that has used `seconds` of CPU time (a backstop, far above what
--   any real spec needs, so that machine speed never decides a normal run).
-- The spec file itself: a regular file of at most MAX_SPEC_BYTES; nesting too deep for
-- Lua's parser is reported at the line where it happens.
local lfs = require "lfs"

local M = {}

M.DEFAULT_LIMITS = { instructions = 100000000, memory = 256 * 1024 * 1024, seconds = 10 }
M.MAX_SPEC_BYTES = 16 * 1024 * 1024

local HOOK_INTERVAL = 1000

-- Worst-case matching steps a pattern call may take: about a second or two of C.
local PATTERN_WORK = 1e9

-- The only values our hook and wrappers raise; a spec cannot reach them.
local INSTRUCTION_LIMIT, MEMORY_LIMIT, TIME_LIMIT = {}, {}, {}

-- Host functions run while a spec's string methods are the sandbox's, so they call these
-- captured functions, never `s:method()`; as real.<name>, so that a bad argument reads
-- "bad argument #1 to 'rep'" as in plain Lua.
local real = {
   rep = string.rep, gsub = string.gsub, format = string.format, concat = table.concat,
   find = string.find, match = string.match, gmatch = string.gmatch, pack = string.pack,
   upper = string.upper, lower = string.lower, reverse = string.reverse, sub = string.sub,
   move = table.move,
}
local HOST_SOURCE = debug.getinfo(1, "S").short_src

-- Byte length of a string or number argument as string functions see it, else 0.
local function arg_length(value)
   if type(value) == "string" then return #value end
   if type(value) == "number" then return #tostring(value) end
   return 0
end

-- An integer argument as Lua's C functions coerce it (1.0 and "1" are 1), else nil.
local function as_integer(value)
   return math.tointeger(tonumber(value))
end

-- Memory use since the spec started; ensure(n) raises MEMORY_LIMIT unless n more bytes fit.
local function new_budget(limit)
   collectgarbage("collect")
   local base_kb = collectgarbage("count")
   local function used()
      return (collectgarbage("count") - base_kb) * 1024
   end
   local budget = {}
   function budget.ensure(extra)
      if used() + extra <= limit then return end
      collectgarbage("collect")
      if used() + extra > limit then error(MEMORY_LIMIT, 0) end
   end
   return budget
end

-- Instructions spent; charge(n) raises INSTRUCTION_LIMIT once they pass the limit.
local function new_steps(limit)
   local spent = 0
   return function(count)
      spent = spent + count
      if spent > limit then error(INSTRUCTION_LIMIT, 0) end
   end
end

local function copy_library(lib)
   local copy = {}
   for key, value in pairs(lib) do copy[key] = value end
   return copy
end

-- Where the single-character class starting at pattern[i] ends (as lstrlib's class_end),
-- or nil when the pattern is malformed there (the real function then says so).
local function class_end(pattern, i)
   local c = real.sub(pattern, i, i)
   if c == "%" then
      if i + 1 > #pattern then return nil end
      return i + 2
   end
   if c ~= "[" then return i + 1 end
   local j = i + 1
   if real.sub(pattern, j, j) == "^" then j = j + 1 end
   repeat
      if j > #pattern then return nil end
      if real.sub(pattern, j, j) == "%" then j = j + 1 end
      j = j + 1
   until real.sub(pattern, j, j) == "]"
   return j + 1
end

-- An upper bound on the steps matching pattern against subject takes: the start positions
-- tried times, for every repeated item, the choices it backtracks over (a `*`, `+` or `-`
-- item at most the longest run of its class in the subject, plus one; `?` two; `%b` and a
-- back-reference the subject's length). Scanning for runs is itself counted as work.
local function pattern_work(subject, pattern, anchorable)
   local length = #subject
   local work, scanned, runs = 1.0, 0, {}   -- floats: the product may pass maxinteger
   local function longest_run(class)
      if class == "." then return length end
      if runs[class] == nil then
         scanned = scanned + length + 1
         local longest = 0
         for first, after in real.gmatch(subject, "()" .. class .. "+()") do
            longest = math.max(longest, after - first)
         end
         runs[class] = longest
      end
      return runs[class]
   end

   local i = 1
   if anchorable and real.sub(pattern, 1, 1) == "^" then i = 2 else work = length + 1.0 end
   while i <= #pattern and work + scanned <= PATTERN_WORK do
      local c, next_c = real.sub(pattern, i, i), real.sub(pattern, i + 1, i + 1)
      if c == "(" or c == ")" then
         i = i + 1
      elseif c == "%" and next_c == "b" then
         work, i = work * (length + 1), i + 4
      elseif c == "%" and next_c == "f" then
         i = class_end(pattern, i + 2)
      elseif c == "%" and real.match(next_c, "%d") then
         work, i = work * (length + 1), i + 2
      else
         local after = class_end(pattern, i)
         if after == nil then break end
         local quantifier = real.sub(pattern, after, after)
         if quantifier == "?" then
            work, after = work * 2, after + 1
         elseif quantifier == "*" or quantifier == "+" or quantifier == "-" then
            work, after = work * (longest_run(real.sub(pattern, i, after - 1)) + 1), after + 1
         end
         i = after
      end
      if i == nil then break end
   end
   return work + scanned
end

-- Raises unless matching pattern against subject stays within PATTERN_WORK; anchorable:
-- a leading "^" anchors the match (as in find, match and gsub, not gmatch).
local function check_pattern(name, subject, pattern, anchorable)
   if type(subject) == "number" then subject = tostring(subject) end
   if type(pattern) == "number" then pattern = tostring(pattern) end
   if type(subject) ~= "string" or type(pattern) ~= "string" then return end
   if pattern_work(subject, pattern, anchorable) > PATTERN_WORK then
      error(("%s: pattern would backtrack too long on a %d-byte string"):format(name, #subject),
         0)
   end
end

-- Length of s:sub(i, j), by lstrlib's rules for negative and out-of-range positions.
local function sub_length(s, i, j)
   local length = arg_length(s)
   i, j = as_integer(i), as_integer(j or -1)
   if i == nil or j == nil then return 0 end
   if i < 0 then i = math.max(length + i + 1, 1) elseif i == 0 then i = 1 end
   if j < 0 then j = length + j + 1 elseif j > length then j = length end
   return math.max(j - i + 1, 0)
end

-- An upper bound on the size of s:gsub(pattern, text): the subject, plus per match the
-- text, plus per %n in the text one more copy of the subject (the captures of disjoint
-- matches add up to at most the subject) and, for position captures, a number.
local function gsub_size(s, pattern, text, max_matches)
   local subject = arg_length(s)
   local matches = subject + 1.0
   if real.sub(tostring(pattern), 1, 1) == "^" then matches = 1 end
   local most = as_integer(max_matches)
   if most then matches = math.max(0, math.min(matches, most)) end
   local _, references = real.gsub(text, "%%%d", "")
   local position_width = real.find(tostring(pattern), "()", 1, true) and 20 or 0
   return subject + matches * (#text + references * position_width) + references * subject
end

-- string without dump, its string builders checked against the budget and its pattern
-- functions against PATTERN_WORK.
local function sandbox_string(budget)
   local lib = copy_library(string)
   lib.dump = nil

   function lib.rep(s, n, sep)
      local count = tonumber(n)
      if count and count > 0 then
         budget.ensure((arg_length(s) + arg_length(sep)) * 1.0 * count)
      end
      return real.rep(s, n, sep)
   end

   function lib.gsub(s, pattern, repl, max_matches)
      check_pattern("gsub", s, pattern, true)
      local kind = type(repl)
      if kind == "string" or kind == "number" then
         budget.ensure(gsub_size(s, pattern, tostring(repl), max_matches))
      elseif kind == "table" or kind == "function" then
         local produced = arg_length(s)
         local function replacement(...)
            local value
            if kind == "table" then value = repl[...] else value = repl(...) end
            produced = produced + arg_length(value)
            budget.ensure(produced)
            return value
         end
         return real.gsub(s, pattern, replacement, max_matches)
      end
      return real.gsub(s, pattern, repl, max_matches)
   end

   function lib.find(s, pattern, init, plain)
      if not plain then check_pattern("find", s, pattern, true) end
      return real.find(s, pattern, init, plain)
   end

   function lib.match(s, pattern, init)
      check_pattern("match", s, pattern, true)
      return real.match(s, pattern, init)
   end

   function lib.gmatch(s, pattern, init)
      check_pattern("gmatch", s, pattern, false)
      return real.gmatch(s, pattern, init)
   end

   function lib.format(fmt, ...)
      local size = arg_length(fmt)
      for i = 1, select("#", ...) do
         -- %q may escape a byte as \ddd; a number or a tostring() stays small.
         size = size + 4 * arg_length((select(i, ...))) + 512
      end
      budget.ensure(size)
      return real.format(fmt, ...)
   end

   -- The packed size is at most the sizes written in the format ("c1000000000"), 16 bytes
   -- per option or padding, and the strings packed.
   function lib.pack(fmt, ...)
      local size = 16 * arg_length(fmt)
      local written = type(fmt) == "string" and fmt or ""
      for digits in real.gmatch(written, "%d+") do size = size + tonumber(digits) end
      for i = 1, select("#", ...) do size = size + arg_length((select(i, ...))) end
      budget.ensure(size)
      return real.pack(fmt, ...)
   end

   -- Copies of the whole subject.
   for _, name in ipairs { "upper", "lower", "reverse" } do
      lib[name] = function(s, ...)
         budget.ensure(arg_length(s))
         return real[name](s, ...)
      end
   end

   function lib.sub(s, i, j)
      budget.ensure(sub_length(s, i, j))
      return real.sub(s, i, j)
   end

   return lib
end

local function sandbox_table(budget, charge_steps)
   local lib = copy_library(table)

   function lib.concat(list, sep, first, last)
      local from = as_integer(first or 1)
      local till = as_integer(last or (type(list) == "table" and #list))
      if type(list) == "table" and from and till then
         local size = 0
         for i = from, till do
            local item = list[i]
            if type(item) ~= "string" and type(item) ~= "number" then break end
            size = size + arg_length(item) + arg_length(sep)
         end
         budget.ensure(size)
      end
      return real.concat(list, sep, first, last)
   end

   -- Moves one element per step of a C loop the hook cannot interrupt.
   function lib.move(source, first, last, to, destination)
      local from, till = as_integer(first), as_integer(last)
      if from and till and till >= from then charge_steps(1.0 * till - from + 1) end
      return real.move(source, first, last, to, destination)
   end

   return lib
end

-- Deep copy of plain values, so a spec cannot change a declaration after the call.
local function snapshot(value, copies)
   if type(value) ~= "table" then return value end
   if copies[value] then return copies[value] end
   local copy = {}
   copies[value] = copy
   for key, item in next, value do
      copy[snapshot(key, copies)] = snapshot(item, copies)
   end
   return copy
end

-- How many levels from the top of a stack are searched for the spec's frames: enough for
-- error()'s levels and our wrappers. Each lookup walks down from the top, so a walk of a
-- whole deep stack (200000 levels after a stack overflow) would take quadratic time.
local MAX_LEVELS = 200

-- Frame info at level of co, or of the caller of our caller in the running thread.
local function frame_at(co, level)
   if co then return debug.getinfo(co, level, "Sl") end
   return debug.getinfo(level + 2, "Sl")
end

-- The deepest level of co's stack: its main function's.
local function bottom_level(co)
   local low, high = 0, 1
   while frame_at(co, high) do low, high = high, high * 2 end
   while high - low > 1 do
      local middle = (low + high) // 2
      if frame_at(co, middle) then low = middle else high = middle end
   end
   return low
end

-- The lines the spec's chunk is at, innermost frame first, in co or the running thread:
-- those within MAX_LEVELS of the top, else (deep recursion of the host, as in snapshot)
-- the line of co's main function, the spec's chunk.
local function spec_lines(chunkname, co)
   local lines = {}
   for level = 0, MAX_LEVELS do
      local info = frame_at(co, level)
      if info == nil then return lines end
      if info.source == chunkname and info.currentline > 0 then
         lines[#lines + 1] = info.currentline
      end
   end
   if #lines == 0 and co then lines[1] = frame_at(co, bottom_level(co)).currentline end
   return lines
end

-- The line the spec reached: its innermost frame's.
local function spec_line(chunkname, co)
   return spec_lines(chunkname, co)[1] or 1
end

-- Splits Lua's "short_src:N: text" into N and text, when the message starts so.
local function split_position(message, short_src)
   local prefix = short_src .. ":"
   if message:sub(1, #prefix) ~= prefix then return nil, message end
   local line, text = message:match("^(%d+): (.*)$", #prefix + 1)
   if line == nil then return nil, message end
   return tonumber(line), text
end

local function describe_raised(raised)
   if raised == INSTRUCTION_LIMIT then return "spec exceeded the instruction limit" end
   if raised == MEMORY_LIMIT then return "spec exceeded the memory limit" end
   if raised == TIME_LIMIT then return "spec exceeded the time limit" end
   if type(raised) == "string" then return raised end
   if type(raised) == "number" then return tostring(raised) end
   return ("error raised with a %s value"):format(type(raised))
end

local CONTROL_ESCAPES = { ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

-- The message on one line with no control characters (a spec chose its text: it must not
-- start a line of its own or drive the terminal).
local function one_line(text)
   return (text:gsub("%c", function(c) return CONTROL_ESCAPES[c] or ("\\%d"):format(c:byte()) end))
end

local function contains(list, wanted)
   for _, item in ipairs(list) do
      if item == wanted then return true end
   end
   return false
end

-- "path:line: text" for whatever the spec raised. lines: where the spec's frames were,
-- innermost first (nil for a syntax error, whose position is the parser's). A position
-- in a runtime error is Lua's or error()'s only when a frame is at that line (error("x",
-- 2) names the caller's); otherwise the spec wrote it into the text, and it gives way to
-- the innermost frame's line.
local function locate_error(path, short_src, raised, lines)
   local line, text = split_position(describe_raised(raised), short_src)
   if line == nil then
      local _, host_text = split_position(text, HOST_SOURCE)
      text = host_text
   end
   if lines and not contains(lines, line) then line = lines[1] end
   line = line or 1
   return ("%s:%d: %s"):format(path, line, one_line(text))
end

local function new_env(chunkname, calls, budget, charge_steps)
   local function record(func, ...)
      local args = { n = select("#", ...) }
      for i = 1, args.n do args[i] = snapshot((select(i, ...)), {}) end
      calls[#calls + 1] = { func = func, line = spec_line(chunkname), args = args }
   end
   return {
      string = sandbox_string(budget), table = sandbox_table(budget, charge_steps),
      math = copy_library(math),
      pairs = pairs, ipairs = ipairs, tostring = tostring, tonumber = tonumber, type = type,
      error = error, assert = assert, select = select,
      output = function(...) record("output", ...) end,
      valvec32 = function(...) record("valvec32", ...) end,
   }
end

local function with_defaults(limits)
   local merged = {}
   for key, value in pairs(M.DEFAULT_LIMITS) do merged[key] = (limits or {})[key] or value end
   return merged
end

-- The source without what lua5.4 skips at the start of a file: a UTF-8 byte order mark,
-- then a first line starting with "#" (a shebang); and whether there was such a line.
local function strip_file_header(source)
   if source:sub(1, 3) == "\239\187\191" then source = source:sub(4) end
   if source:sub(1, 1) ~= "#" then return source, false end
   return (source:gsub("^[^\n]*\n?", "", 1)), true
end

-- Lines in text, counting line breaks as Lua's lexer does (\n, \r, \r\n, \n\r).
local function count_lines(text)
   local lines, at = 1, text:find("[\r\n]")
   while at do
      local pair = text:sub(at, at + 1)
      if pair == "\r\n" or pair == "\n\r" then at = at + 1 end
      lines = lines + 1
      at = text:find("[\r\n]", at + 1)
   end
   return lines
end

-- Compiles source; pcall keeps a message handler of the caller (lua5.4's adds a
-- traceback) out of the errors Lua's parser raises.
local function compile(source, chunkname, env)
   local ok, chunk, message = pcall(load, source, chunkname, "t", env)
   if not ok then return nil, chunk end
   return chunk, message
end

local NESTING_ERROR = "C stack overflow"

-- The line where source nests too deeply for the parser: the end of the shortest
-- prefix that already does, found by bisection.
local function nesting_line(source, chunkname)
   local low, high = 1, #source
   while low < high do
      local middle = (low + high) // 2
      local _, message = compile(source:sub(1, middle), chunkname, {})
      if message == NESTING_ERROR then high = middle else low = middle + 1 end
   end
   return count_lines(source:sub(1, high))
end

-- Runs source as the spec at path. Returns { path =, calls = { {func =, line =, args =
-- { n =, ... }} } } in call order, or nil and "path:line: message".
-- limits: { instructions =, memory = (bytes), seconds = (CPU) }, each defaulting to
-- DEFAULT_LIMITS.
function M.run(source, path, limits)
   limits = with_defaults(limits)
   local chunkname = "@" .. path
   local short_src = debug.getinfo(load("", chunkname), "S").short_src
   local shebang
   source, shebang = strip_file_header(source)
   if source:sub(1, 1) == "\27" then
      return nil, path .. ":1: spec is precompiled Lua bytecode; only Lua source is accepted"
   end
   if shebang then source = "\n" .. source end   -- the skipped line still counts

   local calls = {}
   local budget = new_budget(limits.memory)
   local charge_steps = new_steps(limits.instructions)
   local env = new_env(chunkname, calls, budget, charge_steps)
   local chunk, syntax_error = compile(source, chunkname, env)
   if syntax_error == NESTING_ERROR then
      return nil, ("%s:%d: the spec nests too deeply"):format(path, nesting_line(source, chunkname))
   end
   if chunk == nil then return nil, locate_error(path, short_src, syntax_error) end

   local co = coroutine.create(chunk)
   local deadline = os.clock() + limits.seconds
   debug.sethook(co, function(event)
      if event == "count" then charge_steps(HOOK_INTERVAL) end
      budget.ensure(0)
      if os.clock() > deadline then error(TIME_LIMIT, 0) end
   end, "r", HOOK_INTERVAL)

   local string_meta = getmetatable("")
   local string_index = string_meta.__index
   string_meta.__index = env.string
   local ok, raised = coroutine.resume(co)
   string_meta.__index = string_index

   local message
   if not ok then message = locate_error(path, short_src, raised, spec_lines(chunkname, co)) end
   coroutine.close(co)
   if message then
      collectgarbage("collect")
      return nil, message
   end
   return { path = path, calls = calls }
end

-- Reads the spec file: a regular file (not a FIFO or device, which could block or never
-- end) of at most MAX_SPEC_BYTES. Returns its text, or nil and an I/O error.
local function read_spec(path)
   local mode = lfs.attributes(path, "mode")
   if mode ~= nil and mode ~= "file" then
      return nil, ("cannot read spec %s: not a regular file"):format(path)
   end
   local file, open_error = io.open(path, "rb")
   if file == nil then
      local reason = open_error:sub(1, #path + 2) == path .. ": "
         and open_error:sub(#path + 3) or open_error
      return nil, ("cannot open spec %s: %s"):format(path, reason)
   end
   local source, read_error = file:read(M.MAX_SPEC_BYTES + 1)
   file:close()
   if read_error then return nil, ("cannot read spec %s: %s"):format(path, read_error) end
   source = source or ""   -- read(n) gives nil at the end of an empty file
   if #source > M.MAX_SPEC_BYTES then
      return nil, ("cannot read spec %s: larger than %d MiB"):format(path,
         M.MAX_SPEC_BYTES // (1024 * 1024))
   end
   return source
end

-- Reads and runs the spec file. Returns what run returns, or nil, message, kind with
-- kind "io" (cannot read the file) or "spec" (the spec is broken).
function M.load(path, limits)
   local source, read_error = read_spec(path)
   if source == nil then return nil, read_error, "io" end
   local loaded, message = M.run(source, path, limits)
   if loaded == nil then return nil, message, "spec" end
   return loaded
end

return M
