-- vv32.spec: runs a spec (Lua source text, never bytecode) in a sandbox holding only
-- design.md's whitelist, under instruction and memory limits, and records every
-- valvec32/output call with its source line. A broken spec is a value, never a raise.
--
-- The limits are checked every HOOK_INTERVAL VM instructions and, for the library calls
-- that can build a big string in one step (string.rep, string.gsub, string.format,
-- table.concat), before the call; a single `..` chain or pattern match runs in C and can
-- pass a limit before the next check.
local M = {}

M.DEFAULT_LIMITS = { instructions = 100000000, memory = 256 * 1024 * 1024 }

local HOOK_INTERVAL = 1000

-- The only values our hook and wrappers raise; a spec cannot reach them.
local INSTRUCTION_LIMIT, MEMORY_LIMIT = {}, {}

-- Host functions run while a spec's string methods are the sandbox's, so they call these
-- captured functions, never `s:method()`; as real.<name>, so that a bad argument reads
-- "bad argument #1 to 'rep'" as in plain Lua.
local real = { rep = string.rep, gsub = string.gsub, format = string.format, concat = table.concat }
local HOST_SOURCE = debug.getinfo(1, "S").short_src

-- Byte length of a string or number argument as string functions see it, else 0.
local function arg_length(value)
   if type(value) == "string" then return #value end
   if type(value) == "number" then return #tostring(value) end
   return 0
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

local function copy_library(lib)
   local copy = {}
   for key, value in pairs(lib) do copy[key] = value end
   return copy
end

-- string without dump, its string builders checked against the budget.
local function sandbox_string(budget)
   local lib = copy_library(string)
   lib.dump = nil

   function lib.rep(s, n, sep)
      local count = tonumber(n)
      if count and count > 0 then
         budget.ensure((arg_length(s) + arg_length(sep)) * count)
      end
      return real.rep(s, n, sep)
   end

   function lib.gsub(s, pattern, repl, max_matches)
      local subject = arg_length(s)
      local matches = subject + 1
      if tonumber(max_matches) then matches = math.min(matches, tonumber(max_matches)) end
      local kind = type(repl)
      if kind == "string" or kind == "number" then
         local text = tostring(repl)
         local _, captures = real.gsub(text, "%%%d", "")
         budget.ensure(subject + matches * (#text + captures * subject))
      elseif kind == "table" or kind == "function" then
         local produced = subject
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

   function lib.format(fmt, ...)
      local size = arg_length(fmt)
      for i = 1, select("#", ...) do
         -- %q may escape a byte as \ddd; a number or a tostring() stays small.
         size = size + 4 * arg_length((select(i, ...))) + 512
      end
      budget.ensure(size)
      return real.format(fmt, ...)
   end

   return lib
end

local function sandbox_table(budget)
   local lib = copy_library(table)
   function lib.concat(list, sep, first, last)
      if type(list) == "table" and math.type(first or 1) == "integer"
         and math.type(last or #list) == "integer" then
         local size = 0
         for i = first or 1, last or #list do
            local item = list[i]
            if type(item) ~= "string" and type(item) ~= "number" then break end
            size = size + arg_length(item) + arg_length(sep)
         end
         budget.ensure(size)
      end
      return real.concat(list, sep, first, last)
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

-- The line the spec reached: the innermost frame of its chunk, in co or the running thread.
local function spec_line(chunkname, co)
   local level = co and 0 or 1
   while true do
      local info
      if co then info = debug.getinfo(co, level, "Sl") else info = debug.getinfo(level, "Sl") end
      if info == nil then return 1 end
      if info.source == chunkname and info.currentline > 0 then return info.currentline end
      level = level + 1
   end
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
   if type(raised) == "string" then return raised end
   if type(raised) == "number" then return tostring(raised) end
   return ("error raised with a %s value"):format(type(raised))
end

-- "path:line: text" for whatever the spec raised, its own position when it has one.
local function locate_error(path, short_src, raised, fallback_line)
   local text = describe_raised(raised)
   local line
   line, text = split_position(text, short_src)
   if line == nil then
      local _, host_text = split_position(text, HOST_SOURCE)
      text = host_text
      line = fallback_line
   end
   return ("%s:%d: %s"):format(path, line, text)
end

local function new_env(chunkname, calls, budget)
   local function record(func, ...)
      local args = { n = select("#", ...) }
      for i = 1, args.n do args[i] = snapshot((select(i, ...)), {}) end
      calls[#calls + 1] = { func = func, line = spec_line(chunkname), args = args }
   end
   return {
      string = sandbox_string(budget), table = sandbox_table(budget), math = copy_library(math),
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

-- Runs source as the spec at path. Returns { path =, calls = { {func =, line =, args =
-- { n =, ... }} } } in call order, or nil and "path:line: message".
-- limits: { instructions =, memory = (bytes) }, each defaulting to DEFAULT_LIMITS.
function M.run(source, path, limits)
   limits = with_defaults(limits)
   local chunkname = "@" .. path
   local short_src = debug.getinfo(load("", chunkname), "S").short_src
   if source:sub(1, 1) == "\27" then
      return nil, path .. ":1: spec is precompiled Lua bytecode; only Lua source is accepted"
   end

   local calls = {}
   local budget = new_budget(limits.memory)
   local env = new_env(chunkname, calls, budget)
   local chunk, syntax_error = load(source, chunkname, "t", env)
   if chunk == nil then return nil, locate_error(path, short_src, syntax_error, 1) end

   local executed = 0
   local co = coroutine.create(chunk)
   debug.sethook(co, function()
      executed = executed + HOOK_INTERVAL
      if executed > limits.instructions then error(INSTRUCTION_LIMIT, 0) end
      budget.ensure(0)
   end, "", HOOK_INTERVAL)

   local string_meta = getmetatable("")
   local string_index = string_meta.__index
   string_meta.__index = env.string
   local ok, raised = coroutine.resume(co)
   string_meta.__index = string_index

   local message
   if not ok then message = locate_error(path, short_src, raised, spec_line(chunkname, co)) end
   coroutine.close(co)
   if message then
      collectgarbage("collect")
      return nil, message
   end
   return { path = path, calls = calls }
end

-- Reads and runs the spec file. Returns what run returns, or nil, message, kind with
-- kind "io" (cannot read the file) or "spec" (the spec is broken).
function M.load(path, limits)
   local file, open_error = io.open(path, "rb")
   if file == nil then
      local reason = open_error:sub(1, #path + 2) == path .. ": "
         and open_error:sub(#path + 3) or open_error
      return nil, ("cannot open spec %s: %s"):format(path, reason), "io"
   end
   local source, read_error = file:read("a")
   file:close()
   if source == nil then
      return nil, ("cannot read spec %s: %s"):format(path, read_error), "io"
   end
   local loaded, message = M.run(source, path, limits)
   if loaded == nil then return nil, message, "spec" end
   return loaded
end

return M
