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

-- Longest name: it goes into every identifier and file name generated for the type
-- ("test_valvec32_<name>.c", "valvec32_<name>_shrink_to_fit"), which must stay well
-- inside the file systems' 255-byte names and readable in compiler messages.
local MAX_NAME_LENGTH = 64

-- Unknown fields listed one a line before the rest are summed up in one line.
local MAX_UNKNOWN_REPORTED = 5

-- Prefix of every file-scope identifier of the generated test suites
-- (templates/test_valvec32.c.tpl) and of their support code: no hook or type of the
-- spec's may start with it, so none collides with the suite's own.
local SUITE_PREFIX = "vv32t_"

-- C99 5.2.1.1: "??" and one of these is a trigraph, replaced even inside literals.
local TRIGRAPH = "%?%?[=%(/%)'<!>%-]"
-- C99 6.4.6: digraphs are punctuators outside literals ("%>" is "}").
local DIGRAPHS = { ["<%"] = "{", ["%>"] = "}", ["<:"] = "[", [":>"] = "]", ["%:"] = "#" }

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

-- Rank of a key's type in messages: strings, numbers, booleans, then the rest by name.
local KEY_TYPE_RANK = { string = 1, number = 2, boolean = 3 }

-- Orders keys by type, then by value where values compare; tables and functions tie,
-- which is harmless as they print alike (no address, see key_text).
local function key_before(a, b)
   local type_a, type_b = type(a), type(b)
   if type_a ~= type_b then
      local rank_a, rank_b = KEY_TYPE_RANK[type_a] or 4, KEY_TYPE_RANK[type_b] or 4
      if rank_a ~= rank_b then return rank_a < rank_b end
      return type_a < type_b
   end
   if type_a == "string" or type_a == "number" then return a < b end
   if type_a == "boolean" then return not a and b end
   return false
end

-- Keys of t not in known, sorted, so messages never follow pairs() order.
local function unknown_keys(t, known)
   local allowed, keys = set_of(known), {}
   for key in pairs(t) do
      if not allowed[key] then keys[#keys + 1] = key end
   end
   table.sort(keys, key_before)
   return keys
end

-- A non-string key for a message: its value, or its type where the value would show a
-- memory address (so messages are the same on every run).
local function key_text(key)
   if type(key) == "number" or type(key) == "boolean" then return tostring(key) end
   return type(key)
end

-- A key for a message: "clone" or "alloc.frees" for strings, [1] or alloc[table] else.
local function describe_key(key, label)
   local prefix = label and label .. "." or ""
   if type(key) == "string" then return quote(prefix .. key) end
   return (label or "") .. "[" .. key_text(key) .. "]"
end

-- Reports t's keys not in known, with a "did you mean" hint, label being the record's
-- field name (nil for a declaration's own fields); the first few, then how many more.
local function report_unknown(t, known, label, report)
   local qualified = {}
   for i, field in ipairs(known) do qualified[i] = label and label .. "." .. field or field end
   local keys = unknown_keys(t, known)
   for i = 1, math.min(#keys, MAX_UNKNOWN_REPORTED) do
      local key = keys[i]
      local message = "unknown field " .. describe_key(key, label)
      local hint = type(key) == "string" and closest(label and label .. "." .. key or key,
         qualified)
      if hint then message = message .. (" (did you mean %s?)"):format(quote(hint)) end
      report(message)
   end
   if #keys > MAX_UNKNOWN_REPORTED then
      report(("and %d more unknown fields%s"):format(#keys - MAX_UNKNOWN_REPORTED,
         label and " in " .. quote(label) or ""))
   end
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
   if #name > MAX_NAME_LENGTH then
      return ("must be at most %d characters (it is part of every generated identifier and"
         .. " file name), got %d"):format(MAX_NAME_LENGTH, #name)
   end
   return nil
end

local CLOSING = { ["("] = ")", ["["] = "]" }

-- Whether a hook or a word of a type spelling takes the test suites' prefix.
local function takes_suite_prefix(identifier)
   return identifier:lower():sub(1, #SUITE_PREFIX) == SUITE_PREFIX
end

-- What ctype.parse's reasons mean, for the type names it rejects.
local NOT_A_TYPE = {
   characters = function()
      return "may only contain identifiers, whitespace, \"*\", \"(\", \")\", \"[\", \"]\" and"
         .. " \",\""
   end,
   unbalanced = function() return "has unbalanced brackets" end,
   declaration = function(word)
      return ("must be a type name, not a declaration (%s)"):format(quote(word))
   end,
   c11 = function(word)
      return ("must be C99: %s is C11 and the generated code is C99"):format(quote(word))
   end,
   keyword = function(word)
      return ("is not a C type name: %s is a keyword that is no type specifier or qualifier")
         :format(quote(word))
   end,
   tag = function(word)
      return ("is not a C type name: %s must be followed by a tag name"):format(quote(word))
   end,
   specifiers = function(words)
      return ("is not a C type name: %s is no combination of type specifiers C99 allows"
         .. " (6.7.2)"):format(quote(words))
   end,
   derivation = function(why) return "is not a C type name: " .. why end,
   restrict = function() return "is not a C type name: restrict qualifies pointers only" end,
   syntax = function() return "is not a C type name" end,
}

-- Why each qualifier at the top of the element type makes it unusable.
local TOP_QUALIFIERS = {
   { "const", "must be assignable: drop the top-level const" },
   { "volatile", "must not be volatile: drop the top-level volatile (the vector copies its"
      .. " elements with memcpy, which volatile objects forbid)" },
   { "restrict", "must not be restrict-qualified: drop the top-level restrict (the vector"
      .. " keeps copies of each pointer, which restrict forbids)" },
}

local function type_problem(text)
   local got = ", got " .. quote(text)
   local info, why, detail = ctype.parse(text)
   if why == "empty" then return "must not be empty" end
   if why then return NOT_A_TYPE[why](detail) .. got end
   if info.kind == "array" then
      return "must not be an array type (wrap the array in a struct)" .. got
   end
   if info.kind == "function" then
      return "must not be a function type (wrap it in a struct or use a function pointer)" .. got
   end
   if info.kind == "void" then
      return "must be a complete object type, not void (\"void *\" is fine)" .. got
   end
   for _, rule in ipairs(TOP_QUALIFIERS) do
      if info.qualifiers[rule[1]] then return rule[2] .. got end
   end
   for _, identifier in ipairs(info.identifiers) do
      if takes_suite_prefix(identifier) then
         return ("must not use %s: names starting with %s are reserved for the generated"
            .. " test suites"):format(quote(identifier), quote(SUITE_PREFIX)) .. got
      end
   end
   return nil
end

-- The first trigraph in text, or nil: C99 replaces them before anything else, even in
-- string literals and header names, so "??/" would hide a backslash from these checks.
local function trigraph_problem(text)
   local trigraph = text:match(TRIGRAPH)
   if trigraph then
      return ("must not contain the trigraph %s, got %s"):format(quote(trigraph), quote(text))
   end
   return nil
end

local function include_problem(entry)
   local inner = entry:match("^<(.*)>$") or entry:match('^"(.*)"$') or entry
   if inner == "" then return "must not be empty" end
   local trigraph = trigraph_problem(entry)
   if trigraph then return trigraph end
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
   if ctype.KEYWORDS[name] then return "must not be a C or C++ keyword, got " .. quote(name) end
   if ctype.reserved(name) then
      return "must not be a reserved identifier (names starting with \"__\" or \"_\" and an"
         .. " uppercase letter belong to the compiler), got " .. quote(name)
   end
   if takes_suite_prefix(name) then
      return ("must not start with %s (reserved for the generated test suites), got %s")
         :format(quote(SUITE_PREFIX), quote(name))
   end
   if ctype.GENERATED_LOCALS[name] then
      return "must not be the name of a parameter or local of the generated code, which"
         .. " would hide the hook, got " .. quote(name)
   end
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
   local trigraph = trigraph_problem(expr)
   if trigraph then return trigraph end
   local open, pos = {}, 1
   while pos <= #expr do
      local char = expr:sub(pos, pos)
      local digraph = expr:sub(pos, pos + 1)
      if DIGRAPHS[digraph] then
         return ("must not contain the digraph %s outside a literal (C reads it as %s)")
            :format(quote(digraph), quote(DIGRAPHS[digraph])) .. got
      elseif char == '"' or char == "'" then
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
   report_unknown(t, known, label, report)
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

   report_unknown(fields, FIELDS, nil, report)
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

-- The names a type takes in C and on disk: its vector type, everything named after it
-- (valvec32_<name>_<suffix>), and its lowercased name (header guard, file names).
local function names_taken(name)
   local taken = { "valvec32_" .. name, "file:" .. name:lower() }
   for suffix in pairs(SUFFIXES) do taken[#taken + 1] = ("valvec32_%s_%s"):format(name, suffix) end
   return taken
end

-- Reports the earliest earlier type that name collides with. earlier maps each name
-- taken so far to the first declaration taking it ({ name =, line =, index = }), so a
-- spec with n types costs O(n) lookups rather than n^2 comparisons.
local function check_name_clashes(declaration, earlier, report)
   local taken, first = names_taken(declaration.name), nil
   for _, key in ipairs(taken) do
      local owner = earlier[key]
      if owner and (first == nil or owner.index < first.index) then first = owner end
   end
   for _, key in ipairs(taken) do earlier[key] = earlier[key] or declaration end
   if first == nil then return end
   if first.name == declaration.name then
      report(("duplicate name, first declared at line %d"):format(first.line))
   else
      report(("name collides with %s (line %d) after mangling: %s")
         :format(quote(first.name), first.line, collision(declaration.name, first.name)))
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
               local declaration = { name = arg.name, line = call.line, index = #types + 1 }
               check_name_clashes(declaration, earlier, report_declaration)
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
