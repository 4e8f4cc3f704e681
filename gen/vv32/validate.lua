-- vv32.validate: checks the calls a spec made (vv32.spec) against design.md's rules, so
-- no string can inject C. Returns every problem as "file:line: message", in spec order;
-- a bad spec never raises.
local ctype = require "vv32.ctype"

local M = {}

local FIELDS = { "name", "type", "includes", "clone", "drop", "cmp", "eq", "alloc", "test" }
local HOOKS = { "clone", "drop", "cmp", "eq" }
local ALLOC_FIELDS = { "realloc", "free", "usable_size" }
local TEST_FIELDS = { "sample", "includes", "sources" }

local function set_of(words)
   local set = {}
   for _, word in ipairs(words) do set[word] = true end
   return set
end

-- C99, C11, C23 and C++ keywords (alternative tokens included): a hook may not be one.
local KEYWORDS = set_of {
   "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
   "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
   "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
   "typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
   "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
   "_Thread_local", "alignas", "alignof", "bool", "constexpr", "false", "nullptr",
   "static_assert", "thread_local", "true", "typeof", "typeof_unqual", "_BitInt",
   "_Decimal32", "_Decimal64", "_Decimal128", "and", "and_eq", "asm", "bitand", "bitor",
   "catch", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "consteval",
   "constinit", "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete",
   "dynamic_cast", "explicit", "export", "friend", "mutable", "namespace", "new",
   "noexcept", "not", "not_eq", "operator", "or", "or_eq", "private", "protected", "public",
   "reinterpret_cast", "requires", "static_cast", "template", "this", "throw", "try",
   "typeid", "typename", "using", "virtual", "wchar_t", "xor", "xor_eq",
}

-- What follows valvec32_<name>_ in generated identifiers: design.md's operations and the
-- element typedef (elem). A name "a_push" would make the vector type valvec32_a_push,
-- which is also the push function of "a".
local SUFFIXES = set_of {
   "init", "with_capacity", "destroy", "reserve", "reserve_exact", "shrink_to_fit", "push",
   "push_unchecked", "push_clone", "emplace", "pop", "get", "front", "back", "len",
   "capacity", "is_empty", "begin", "end", "clear", "truncate", "resize", "insert",
   "insert_n", "remove", "swap_remove", "erase", "extend", "append", "clone", "swap",
   "release", "adopt", "sort", "bsearch", "lower_bound", "find", "contains", "equal",
   "dedup", "stable_sort", "retain", "reverse", "shrink_to", "split_off", "drain", "elem",
}

local MAX_QUOTED = 60

-- A string for a message: quoted, one line, invalid UTF-8 and control bytes as \xNN.
local function quote(text)
   local out, pos = {}, 1
   while pos <= #text and #out < MAX_QUOTED do
      local char = text:match("^" .. utf8.charpattern, pos)
      if char and #char > 1 and utf8.len(char) then
         out[#out + 1] = char
      else
         char = text:sub(pos, pos)
         if char == '"' or char == "\\" then
            out[#out + 1] = "\\" .. char
         elseif char:match("[%c\128-\255]") then
            out[#out + 1] = ("\\x%02X"):format(char:byte())
         else
            out[#out + 1] = char
         end
      end
      pos = pos + #char
   end
   local ellipsis = pos <= #text and "..." or ""
   return '"' .. table.concat(out) .. ellipsis .. '"'
end

local function levenshtein(a, b)
   local previous = {}
   for j = 0, #b do previous[j] = j end
   for i = 1, #a do
      local current = { [0] = i }
      for j = 1, #b do
         local cost = a:byte(i) == b:byte(j) and 0 or 1
         current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      end
      previous = current
   end
   return previous[#b]
end

-- The closest known name within 2 edits, earliest on a tie, or nil.
local function closest(word, known)
   local best, best_distance = nil, 3
   for _, candidate in ipairs(known) do
      local distance = levenshtein(word, candidate)
      if distance < best_distance then best, best_distance = candidate, distance end
   end
   return best
end

-- Keys of t not in known, sorted (strings first), so messages never follow pairs() order.
local function unknown_keys(t, known)
   local allowed, keys = set_of(known), {}
   for key in pairs(t) do
      if not allowed[key] then keys[#keys + 1] = key end
   end
   table.sort(keys, function(a, b)
      if type(a) ~= type(b) then return type(a) == "string" end
      if type(a) == "string" or type(a) == "number" then return a < b end
      return tostring(a) < tostring(b)
   end)
   return keys
end

local function describe_key(key)
   if type(key) == "string" then return quote(key) end
   return "[" .. tostring(key) .. "]"
end

-- Every check below returns nil when the value is fine, else the end of a message that
-- starts with the subject ('field "type" ', 'output ').

local function text_problem(value, rule)
   if type(value) ~= "string" then return ("must be a string, got %s"):format(type(value)) end
   if not utf8.len(value) then return "is not valid UTF-8, got " .. quote(value) end
   return rule(value)
end

local function name_problem(name)
   if name == "" then return "must not be empty" end
   if name:sub(1, 1) == "_" then
      return "must not start with \"_\" (reserved in C), got " .. quote(name)
   end
   if not name:match("^[A-Za-z][A-Za-z0-9_]*$") then
      return "must be a letter followed by letters, digits and \"_\", got " .. quote(name)
   end
   if name:find("__", 1, true) then
      return "must not contain \"__\" (reserved in C and C++), got " .. quote(name)
   end
   if name:sub(-1) == "_" then
      return "must not end with \"_\" (valvec32_<name>_ would contain \"__\"), got "
         .. quote(name)
   end
   if name:lower() == "common" then
      return "must not be " .. quote(name) .. ": valvec32_common.h is the shared runtime"
   end
   return nil
end

local CLOSING = { ["("] = ")", ["["] = "]" }

local function type_problem(text)
   local got = ", got " .. quote(text)
   local info, why, word = ctype.parse(text)
   if why == "characters" then
      return "may only contain identifiers, whitespace, \"*\", \"(\", \")\", \"[\", \"]\" and"
         .. " \",\"" .. got
   end
   if why == "empty" then return "must not be empty" end
   if why == "unbalanced" then return "has unbalanced brackets" .. got end
   if why == "declaration" then
      return ("must be a type name, not a declaration (%s)%s"):format(quote(word), got)
   end
   if why == "syntax" then return "is not a C type name" .. got end
   if info.kind == "array" then
      return "must not be an array type (wrap the array in a struct)" .. got
   end
   if info.kind == "function" then
      return "must not be a function type (wrap it in a struct or use a function pointer)" .. got
   end
   if info.kind == "void" then
      return "must be a complete object type, not void (\"void *\" is fine)" .. got
   end
   if info.const then
      return "must be assignable: drop the top-level const" .. got
   end
   return nil
end

local function include_problem(entry)
   local inner = entry:match("^<(.*)>$") or entry:match('^"(.*)"$') or entry
   if inner == "" then return "must not be empty" end
   if inner:find("[%c%s\"'<>\\]") then
      return "must be <path>, \"path\" or a bare path, with no quote, angle bracket,"
         .. " backslash, whitespace or control character inside, got " .. quote(entry)
   end
   if inner:find("//", 1, true) or inner:find("/*", 1, true) then
      return "must not contain \"//\" or \"/*\" (undefined in a header name), got "
         .. quote(entry)
   end
   return nil
end

local function hook_problem(name)
   if not name:match("^[A-Za-z_][A-Za-z0-9_]*$") then
      return "must be a C identifier, got " .. quote(name)
   end
   if KEYWORDS[name] then return "must not be a C or C++ keyword, got " .. quote(name) end
   return nil
end

local function sample_problem(expr)
   local got = ", got " .. quote(expr)
   if expr:match("^%s*$") then return "must not be empty" end
   if expr:find("%c") then return "must be one line without control characters" .. got end
   if expr:find("[;{}]") then
      return "must be a C expression without \";\", \"{\" or \"}\"" .. got
   end
   for _, comment in ipairs { "/*", "*/", "//" } do
      if expr:find(comment, 1, true) then
         return "must not contain a comment (\"" .. comment .. "\")" .. got
      end
   end
   local open, pos = {}, 1
   while pos <= #expr do
      local char = expr:sub(pos, pos)
      if char == '"' or char == "'" then
         local close = expr:find("[\\" .. char .. "]", pos + 1)
         while close and expr:sub(close, close) == "\\" do
            close = expr:find("[\\" .. char .. "]", close + 2)
         end
         if close == nil then return "has an unterminated string or character literal" .. got end
         pos = close
      elseif CLOSING[char] then
         open[#open + 1] = CLOSING[char]
      elseif char == ")" or char == "]" then
         if open[#open] ~= char then return "has unbalanced brackets" .. got end
         open[#open] = nil
      end
      pos = pos + 1
   end
   if #open > 0 then return "has unbalanced brackets" .. got end
   return nil
end

local function source_problem(path)
   if path == "" then return "must not be empty" end
   if path:find("[%c%s]") then
      return "must be a path without whitespace or control characters, got " .. quote(path)
   end
   return nil
end

local function output_problem(path)
   local got = ", got " .. quote(path)
   if path == "" then return "must not be empty" end
   if path:find("\0", 1, true) then return "must not contain NUL" .. got end
   if path:find("%c") then return "must not contain control characters" .. got end
   if path:find("\\", 1, true) then return "must use \"/\" as the separator" .. got end
   if path:sub(1, 1) == "/" then
      return "must be a relative path (use -o for a directory elsewhere)" .. got
   end
   local depth = 0
   for segment in path:gmatch("[^/]+") do
      if segment == ".." then depth = depth - 1 elseif segment ~= "." then depth = depth + 1 end
      if depth < 0 then return "must stay inside the spec's directory" .. got end
   end
   return nil
end

-- nil or a sequence of strings, each passing entry_rule; reports through problem(label, why).
local function check_list(value, label, entry_rule, problem)
   if value == nil then return end
   if type(value) ~= "table" then
      problem(label, ("must be a list of strings such as { \"x\" }, got %s"):format(type(value)))
      return
   end
   for _, key in ipairs(unknown_keys(value, {})) do
      if math.type(key) ~= "integer" or key < 1 or key > #value then
         problem(label, "must be a list, but has the key " .. describe_key(key))
         return
      end
   end
   for i, entry in ipairs(value) do
      local why = text_problem(entry, entry_rule)
      if why then problem(("%s[%d]"):format(label, i), why) end
   end
end

-- A table with known fields: unknown ones are reported with a hint; returns whether t is
-- a table (so its fields can be checked).
local function check_record(t, label, known, report)
   if type(t) ~= "table" then
      report(("field %s must be a table, got %s"):format(quote(label), type(t)))
      return false
   end
   local qualified = {}
   for i, field in ipairs(known) do qualified[i] = label .. "." .. field end
   for _, key in ipairs(unknown_keys(t, known)) do
      local message = "unknown field " .. describe_key(label .. "." .. tostring(key))
      local hint = type(key) == "string" and closest(label .. "." .. key, qualified)
      if hint then message = message .. (" (did you mean %s?)"):format(quote(hint)) end
      report(message)
   end
   return true
end

-- The table of one valvec32 { ... } call; every problem goes to report(message).
local function check_declaration(fields, report)
   local function problem(field, why)
      report(("field %s %s"):format(quote(field), why))
   end
   local function check_text(field, value, rule, required)
      if value == nil then
         if required then problem(field, "is required") end
         return
      end
      local why = text_problem(value, rule)
      if why then problem(field, why) end
   end

   check_text("name", fields.name, name_problem, true)
   check_text("type", fields.type, type_problem, true)
   check_list(fields.includes, "includes", include_problem, problem)
   for _, hook in ipairs(HOOKS) do check_text(hook, fields[hook], hook_problem, false) end

   if fields.alloc ~= nil and check_record(fields.alloc, "alloc", ALLOC_FIELDS, report) then
      check_text("alloc.realloc", fields.alloc.realloc, hook_problem, true)
      check_text("alloc.free", fields.alloc.free, hook_problem, true)
      check_text("alloc.usable_size", fields.alloc.usable_size, hook_problem, false)
   end

   local test = fields.test
   if test ~= nil and check_record(test, "test", TEST_FIELDS, report) then
      check_text("test.sample", test.sample, sample_problem, false)
      check_list(test.includes, "test.includes", include_problem, problem)
      check_list(test.sources, "test.sources", source_problem, problem)
   end
   local managed = fields.clone ~= nil or fields.drop ~= nil
   if managed and (test == nil or (type(test) == "table" and test.sample == nil)) then
      problem("test.sample", "is required for a managed type (one with clone or drop)")
   end

   for _, key in ipairs(unknown_keys(fields, FIELDS)) do
      local message = "unknown field " .. describe_key(key)
      local hint = type(key) == "string" and closest(key, FIELDS)
      if hint then message = message .. (" (did you mean %s?)"):format(quote(hint)) end
      report(message)
   end
end

-- Why name and an earlier other collide in C or on disk, or nil.
local function collision(name, other)
   if name:lower() == other:lower() then
      return ("both get the header guard VALVEC32_%s_H, and file names that differ only in"
         .. " case"):format(name:upper())
   end
   local short, long = name, other
   if #short > #long then short, long = long, short end
   if long:sub(1, #short + 1) ~= short .. "_" then return nil end
   local rest = long:sub(#short + 2)
   if SUFFIXES[rest] then
      return ("valvec32_%s is both the vector type of %s and a name generated for %s")
         :format(long, quote(long), quote(short))
   end
   local clashes = {}
   for suffix in pairs(SUFFIXES) do
      local tail = suffix:sub(#rest + 2)
      if suffix:sub(1, #rest + 1) == rest .. "_" and SUFFIXES[tail] then
         clashes[#clashes + 1] = ("valvec32_%s_%s"):format(long, tail)
      end
   end
   if #clashes == 0 then return nil end
   table.sort(clashes)
   return ("%s would be generated for both %s and %s")
      :format(clashes[1], quote(short), quote(long))
end

local function check_name_clashes(name, earlier, report)
   for _, previous in ipairs(earlier) do
      if previous.name == name then
         report(("duplicate name, first declared at line %d"):format(previous.line))
         return
      end
      local why = collision(name, previous.name)
      if why then
         report(("name collides with %s (line %d) after mangling: %s")
            :format(quote(previous.name), previous.line, why))
         return
      end
   end
end

-- Checks loaded = vv32.spec's result. Returns the validated spec and the list of errors;
-- the spec is only meaningful when the list is empty:
--   { path =, output = "dir" or false, types = { { line =, fields = <as in the spec> } } }
function M.run(loaded)
   local errors, types, earlier = {}, {}, {}
   local output_line
   local result = { path = loaded.path, output = false, types = types }
   local declaration_count = 0
   for _, call in ipairs(loaded.calls) do
      local function report(message)
         errors[#errors + 1] = ("%s:%d: %s"):format(loaded.path, call.line, message)
      end
      local arg = call.args[1]
      if call.func == "output" then
         if output_line then
            report(("output called more than once (first at line %d)"):format(output_line))
         elseif call.args.n ~= 1 then
            report(("output expects one string, got %d arguments"):format(call.args.n))
         else
            local why = text_problem(arg, output_problem)
            if why then report("output " .. why) else result.output = arg end
         end
         output_line = output_line or call.line
      else
         declaration_count = declaration_count + 1
         if call.args.n ~= 1 or type(arg) ~= "table" then
            report(("valvec32 expects one table { name = ..., type = ... }, got %s")
               :format(call.args.n == 1 and type(arg) or call.args.n .. " arguments"))
         else
            local label = type(arg.name) == "string" and quote(arg.name)
               or "#" .. declaration_count
            local function report_declaration(message)
               report(("valvec32 %s: %s"):format(label, message))
            end
            check_declaration(arg, report_declaration)
            if type(arg.name) == "string" and not text_problem(arg.name, name_problem) then
               check_name_clashes(arg.name, earlier, report_declaration)
               earlier[#earlier + 1] = { name = arg.name, line = call.line }
            end
            types[#types + 1] = { line = call.line, fields = arg }
         end
      end
   end
   if declaration_count == 0 then
      errors[#errors + 1] = loaded.path .. ":1: spec declares no types"
         .. " (add valvec32 { name = ..., type = ... })"
   end
   return result, errors
end

return M
