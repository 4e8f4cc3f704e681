-- vv32.ctype: reads the C spelling of an element type ("const char *", "int (*)(int)")
-- far enough to tell what it is: pointer, array, function or neither, its qualifiers at
-- the top, and where a declarator's name would go. It checks the specifiers against
-- C99 6.7.2 and the derivations against 6.7.5.3 (no function returns an array or a
-- function), so a spelling it accepts is a C99 type name as far as words can tell.
-- Used by vv32.validate and vv32.model; also the home of the keyword lists.
local M = {}

local function set_of(words)
   local set = {}
   for _, word in ipairs(words) do set[word] = true end
   return set
end

-- C99, C11, C23 and C++ keywords (alternative tokens included). The headers compile as
-- C and C++, so none of them can name a hook or a type of the user's.
M.KEYWORDS = set_of {
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

-- GNU keywords and predefined identifiers: reserved names (so no hook can be one), but a
-- type spelling may use other reserved names (__int128, __m128i), so these are listed.
local GNU_WORDS = set_of {
   "__extension__", "__asm__", "__asm", "__attribute__", "__attribute", "__typeof__",
   "__typeof", "__restrict", "__restrict__", "__inline", "__inline__", "__volatile",
   "__volatile__", "__const", "__const__", "__signed", "__signed__", "__label__",
   "__alignof__", "__alignof", "__real__", "__imag__", "__thread", "__auto_type",
   "__complex__", "__builtin_offsetof", "__builtin_va_arg", "_Pragma", "__func__",
   "__FUNCTION__", "__PRETTY_FUNCTION__", "__VA_ARGS__", "__VA_OPT__", "__LINE__",
   "__FILE__", "__DATE__", "__TIME__", "__COUNTER__", "__STDC__", "__STDC_VERSION__",
   "__has_include",
}

-- The names the per-type header and source declare for themselves (parameters, locals,
-- members): every identifier of the rendered templates that is no keyword, no standard
-- name and not prefixed valvec32_/vv32_. After the spec's includes, a parameter or local
-- of one of these names would hide a hook or a typedef name spelled the same, so
-- validation keeps hooks off them and vv32.model spells such an element type through a
-- typedef of its own. tests/gen/render_spec.lua keeps the list complete.
M.GENERATED_LOCALS = set_of {
   "a", "ab", "ac", "additional", "already", "ap", "at", "b", "bad", "bc", "bc_med", "beg",
   "buf", "bytes", "c", "cap", "cap_bytes", "clones", "countdown", "counter", "ctx", "cur",
   "data", "desc", "drops", "dst", "e", "elem", "elem_size", "elems", "empty", "end",
   "exact", "fill", "first", "from", "gap", "go", "go0", "go1", "grown", "gt", "h", "head",
   "head_n", "hi", "hole", "i", "j", "k", "keep", "key", "l", "l_n", "last", "le",
   "leftmost", "len", "lo", "lr", "max", "mid", "min_cap", "moved", "n", "n8", "new_len",
   "new_mid", "off", "old_len", "old_mid", "out", "p", "pair", "pivot", "pos", "prev", "q",
   "r", "r_n", "requested", "required", "rr", "s", "saved", "src", "tail", "take_l",
   "take_r", "tmp", "to", "usable_bytes", "v", "value", "w", "want", "x",
}

-- Keywords that are types in C++ and typedef names in C (stdbool.h, stddef.h, uchar.h):
-- fine as the whole specifier of an element type.
local TYPEDEF_KEYWORDS = set_of { "bool", "wchar_t", "char8_t", "char16_t", "char32_t" }

-- Words that make a declaration rather than a type name.
local DECLARATION_WORDS = set_of {
   "typedef", "extern", "static", "auto", "register", "_Thread_local", "thread_local",
   "inline", "_Noreturn", "constexpr",
}
local QUALIFIERS = set_of { "const", "volatile", "restrict" }
local TAG_KEYWORDS = set_of { "struct", "union", "enum" }
local BASIC_TYPES = set_of {
   "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
   "_Complex",
}
local CLOSING = { ["("] = ")", ["["] = "]" }

-- The words of text, split at whitespace.
local function split(text)
   local words = {}
   for word in text:gmatch("%S+") do words[#words + 1] = word end
   return words
end

-- Order-free key of a list of specifier words: "long unsigned long" -> "long long unsigned".
local function specifier_key(words)
   local sorted = table.move(words, 1, #words, 1, {})
   table.sort(sorted)
   return table.concat(sorted, " ")
end

-- C99 6.7.2's lists of type specifiers, in any order.
local VALID_SPECIFIERS = {}
for _, spelling in ipairs { "void", "char", "signed char", "unsigned char", "float", "double",
   "long double", "_Bool", "float _Complex", "double _Complex", "long double _Complex" } do
   VALID_SPECIFIERS[specifier_key(split(spelling))] = true
end
for _, sign in ipairs { "", "signed ", "unsigned " } do
   for _, size in ipairs { "", "short ", "long ", "long long " } do
      for _, int in ipairs { "", "int" } do
         local spelling = sign .. size .. int
         if spelling ~= "" then VALID_SPECIFIERS[specifier_key(split(spelling))] = true end
      end
   end
end

-- Tokens (words and single punctuation characters) with their byte offsets.
local function tokenize(text)
   local tokens, starts, pos = {}, {}, 1
   while pos <= #text do
      local _, space_end = text:find("^%s+", pos)
      if space_end then
         pos = space_end + 1
      else
         local token = text:match("^[%w_]+", pos) or text:sub(pos, pos)
         tokens[#tokens + 1], starts[#tokens + 1] = token, pos
         pos = pos + #token
      end
   end
   return tokens, starts
end

local function is_word(token)
   return token ~= nil and token:match("^[%a_][%w_]*$") ~= nil
end

local function balanced(tokens)
   local open = {}
   for _, token in ipairs(tokens) do
      if CLOSING[token] then
         open[#open + 1] = CLOSING[token]
      elseif token == ")" or token == "]" then
         if open[#open] ~= token then return false end
         open[#open] = nil
      end
   end
   return #open == 0
end

-- Index just past the bracketed group that starts at tokens[i] (brackets are balanced).
local function skip_group(tokens, i)
   local depth = 0
   repeat
      if CLOSING[tokens[i]] then depth = depth + 1 end
      if tokens[i] == ")" or tokens[i] == "]" then depth = depth - 1 end
      i = i + 1
   until depth == 0
   return i
end

-- Parses a C abstract declarator from tokens[i]. Returns its derivations from the one
-- nearest the absent name (the type's outermost) inwards, each { kind = "pointer" |
-- "array" | "function", qualifiers = set } (pointers only carry qualifiers), the token
-- index where the name would go, and the index after the declarator; nil when the
-- tokens are no declarator.
local function abstract_declarator(tokens, i)
   local pointers = {}
   while tokens[i] == "*" or QUALIFIERS[tokens[i]] do
      if tokens[i] == "*" then
         pointers[#pointers + 1] = { kind = "pointer", qualifiers = {} }
      elseif #pointers == 0 then
         return nil                      -- a qualifier before any "*"
      else
         pointers[#pointers].qualifiers[tokens[i]] = true
      end
      i = i + 1
   end
   local derivations, name_at = {}, i
   local after = tokens[i + 1]
   if tokens[i] == "(" and (after == "*" or after == "(" or after == "[") then
      derivations, name_at, i = abstract_declarator(tokens, i + 1)
      if derivations == nil or tokens[i] ~= ")" then return nil end
      i = i + 1
   end
   while tokens[i] == "[" or tokens[i] == "(" do
      derivations[#derivations + 1] = { kind = tokens[i] == "[" and "array" or "function" }
      i = skip_group(tokens, i)
   end
   for k = #pointers, 1, -1 do derivations[#derivations + 1] = pointers[k] end
   return derivations, name_at, i
end

-- Why the derivations (outermost first) make no C type, or nil: C99 6.7.5.2 and 6.7.5.3.
local function derivation_problem(derivations, base_is_void)
   for k, derivation in ipairs(derivations) do
      local inner = derivations[k + 1]
      local inner_kind = inner and inner.kind
      if derivation.kind == "function" and inner_kind == "array" then
         return "a function cannot return an array"
      elseif derivation.kind == "function" and inner_kind == "function" then
         return "a function cannot return a function"
      elseif derivation.kind == "array" and inner_kind == "function" then
         return "there are no arrays of functions"
      elseif derivation.kind == "array" and inner == nil and base_is_void then
         return "there are no arrays of void"
      end
   end
   return nil
end

-- Checks the specifier and qualifier words before the declarator against C99 6.7.2.
-- Returns { qualifiers = set, void = bool, typedef_name = bool }, or nil, why and the
-- detail.
local function read_specifiers(words)
   -- basic: the specifier keywords; named: typedef names and "struct tag"s; all: both,
   -- in the spelling's order
   local qualifiers, basic, named, all = {}, {}, {}, {}
   local i, tagged = 1, false
   while words[i] do
      local word = words[i]
      if QUALIFIERS[word] then
         qualifiers[word] = true
      elseif BASIC_TYPES[word] then
         basic[#basic + 1], all[#all + 1] = word, word
      elseif TAG_KEYWORDS[word] then
         local tag = words[i + 1]
         if tag == nil or M.KEYWORDS[tag] or GNU_WORDS[tag] then
            return nil, "tag", word
         end
         named[#named + 1], all[#all + 1], tagged = word .. " " .. tag, word .. " " .. tag, true
         i = i + 1
      else
         named[#named + 1], all[#all + 1] = word, word   -- a typedef name
      end
      i = i + 1
   end
   local one_name = #named == 1 and #basic == 0
   if #all == 0 then return nil, "syntax" end  -- qualifiers alone
   if not one_name and (#named > 0 or not VALID_SPECIFIERS[specifier_key(basic)]) then
      return nil, "specifiers", table.concat(all, " ")
   end
   return {
      qualifiers = qualifiers,
      void = #basic == 1 and basic[1] == "void",
      typedef_name = one_name and not tagged,
   }
end

-- Whether words are a type and a name ("int x", "my_t y": a declaration, not a type name).
local function declares_a_name(words)
   local last = words[#words]
   if #words < 2 or BASIC_TYPES[last] or QUALIFIERS[last] or TAG_KEYWORDS[last]
      or TAG_KEYWORDS[words[#words - 1]] then
      return false
   end
   return read_specifiers(table.move(words, 1, #words - 1, 1, {})) ~= nil
end

-- Why a word cannot appear in a type name, as parse's why and detail, or nil.
local function word_problem(word)
   if DECLARATION_WORDS[word] then return "declaration", word end
   if word == "_Atomic" then return "c11", word end
   if (M.KEYWORDS[word] or GNU_WORDS[word]) and not BASIC_TYPES[word] and not QUALIFIERS[word]
      and not TAG_KEYWORDS[word] and not TYPEDEF_KEYWORDS[word] then
      return "keyword", word
   end
   return nil
end

-- Whether name is reserved to the implementation: C99 7.1.3's "__x" and "_X", and the
-- GNU keywords.
function M.reserved(name)
   return name:match("^__") ~= nil or name:match("^_%u") ~= nil or GNU_WORDS[name] == true
end

-- Analyses a type spelling. Returns
--   { kind = "pointer" | "array" | "function" | "object" | "void",
--     qualifiers = the set of qualifiers at the top ({ const = true } for "char *const"),
--     simple = no "(" or "[" (so "T *p" declares a pointer to it),
--     name_at = byte offset in text where a declarator's name goes,
--     identifiers = every word that is no keyword (typedef names, tags, array sizes),
--     ordinary = those of them that are no tag (the names a local could hide) }
-- or nil, why it is no type name and a detail (a word or a text):
--   "characters", "empty", "unbalanced", "declaration" (word), "c11" (word), "keyword"
--   (word), "tag" (the tag keyword), "specifiers" (the specifiers), "derivation" (why),
--   "restrict" (restrict on no pointer) or "syntax".
function M.parse(text)
   if not text:match("^[%w_%s%*%(%)%[%],]*$") then return nil, "characters" end
   local tokens, starts = tokenize(text)
   if #tokens == 0 then return nil, "empty" end
   if not balanced(tokens) then return nil, "unbalanced" end
   local identifiers, ordinary = {}, {}
   for at, token in ipairs(tokens) do
      if is_word(token) then
         local why, word = word_problem(token)
         if why then return nil, why, word end
         if not M.KEYWORDS[token] then
            identifiers[#identifiers + 1] = token
            if not TAG_KEYWORDS[tokens[at - 1]] then ordinary[#ordinary + 1] = token end
         end
      end
   end
   local i, words = 1, {}
   while is_word(tokens[i]) do
      words[#words + 1] = tokens[i]
      i = i + 1
   end
   local base, why, detail = read_specifiers(words)
   if why == "specifiers" and declares_a_name(words) then return nil, "syntax" end
   if base == nil then return nil, why, detail end
   -- restrict qualifies pointers only; a typedef name may be one.
   if base.qualifiers.restrict and not base.typedef_name then return nil, "restrict" end
   local derivations, name_at, last = abstract_declarator(tokens, i)
   if derivations == nil or tokens[last] ~= nil then return nil, "syntax" end
   why = derivation_problem(derivations, base.void)
   if why then return nil, "derivation", why end
   local outermost = derivations[1]
   local kind = outermost and outermost.kind or (base.void and "void" or "object")
   return {
      kind = kind,
      qualifiers = outermost and (outermost.qualifiers or {}) or base.qualifiers,
      simple = not text:find("[%(%[]"),
      name_at = starts[name_at] or #text + 1,
      identifiers = identifiers,
      ordinary = ordinary,
   }
end

return M
