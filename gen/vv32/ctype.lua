-- vv32.ctype: reads the C spelling of an element type ("const char *", "int (*)(int)")
-- far enough to tell what it is: pointer, array, function or neither, const at the top,
-- and where a declarator's name would go. Used by vv32.validate and vv32.model.
local M = {}

local function set_of(words)
   local set = {}
   for _, word in ipairs(words) do set[word] = true end
   return set
end

-- Words that make a declaration rather than a type name.
local DECLARATION_WORDS = set_of {
   "typedef", "extern", "static", "auto", "register", "_Thread_local", "thread_local",
   "inline", "_Noreturn", "constexpr",
}
local QUALIFIERS = set_of { "const", "volatile", "restrict", "_Atomic" }
local TAG_KEYWORDS = set_of { "struct", "union", "enum" }
local BASIC_TYPES = set_of {
   "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
   "bool", "_Complex",
}
local CLOSING = { ["("] = ")", ["["] = "]" }

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

-- Parses a C abstract declarator from tokens[i]. Returns the derivation nearest the
-- absent name (the type's outermost: "pointer", "array", "function" or "none"), whether
-- that pointer is const, the token index where the name would go, and the index after
-- the declarator; nil when the tokens are no declarator.
local function abstract_declarator(tokens, i)
   local pointers, const_pointer = 0, false
   while tokens[i] == "*" or QUALIFIERS[tokens[i]] do
      if tokens[i] == "*" then pointers, const_pointer = pointers + 1, false end
      if tokens[i] == "const" and pointers > 0 then const_pointer = true end
      i = i + 1
   end
   local name_at = i
   local nested, nested_const
   local after = tokens[i + 1]
   if tokens[i] == "(" and (after == "*" or after == "(" or after == "[") then
      nested, nested_const, name_at, i = abstract_declarator(tokens, i + 1)
      if nested == nil or tokens[i] ~= ")" then return nil end
      i = i + 1
   end
   local first_suffix
   while tokens[i] == "[" or tokens[i] == "(" do
      first_suffix = first_suffix or (tokens[i] == "[" and "array" or "function")
      i = skip_group(tokens, i)
   end
   if nested and nested ~= "none" then return nested, nested_const, name_at, i end
   if first_suffix then return first_suffix, false, name_at, i end
   if pointers > 0 then return "pointer", const_pointer, name_at, i end
   return "none", false, name_at, i
end

-- Whether words are the specifiers of one type: "unsigned long", "const struct point",
-- "my_t const"; not "int x", "a b" or a bare "struct".
local function specifiers_name_a_type(words)
   local basic, typedef_names, tagged = 0, 0, false
   for i, word in ipairs(words) do
      if BASIC_TYPES[word] then
         basic = basic + 1
      elseif TAG_KEYWORDS[word] then
         if words[i + 1] == nil then return false end
      elseif TAG_KEYWORDS[words[i - 1]] then
         tagged = true
      elseif not QUALIFIERS[word] then
         typedef_names = typedef_names + 1
      end
   end
   return (basic > 0 and 1 or 0) + typedef_names + (tagged and 1 or 0) == 1
end

-- Analyses a type spelling. Returns
--   { kind = "pointer" | "array" | "function" | "object" | "void",
--     const = const at the top (the type is not assignable),
--     simple = no "(" or "[" (so "T *p" declares a pointer to it),
--     name_at = byte offset in text where a declarator's name goes }
-- or nil and why it is no type name: "characters", "empty", "unbalanced",
-- "declaration" (plus the offending word) or "syntax".
function M.parse(text)
   if not text:match("^[%w_%s%*%(%)%[%],]*$") then return nil, "characters" end
   local tokens, starts = tokenize(text)
   if #tokens == 0 then return nil, "empty" end
   if not balanced(tokens) then return nil, "unbalanced" end
   local i, words = 1, {}
   while tokens[i] and tokens[i]:match("^[%a_][%w_]*$") do
      if DECLARATION_WORDS[tokens[i]] then return nil, "declaration", tokens[i] end
      words[#words + 1] = tokens[i]
      i = i + 1
   end
   local derivation, const_pointer, name_at, last = abstract_declarator(tokens, i)
   if not specifiers_name_a_type(words) or derivation == nil or tokens[last] ~= nil then
      return nil, "syntax"
   end
   local specifiers = set_of(words)
   local kind = derivation
   if derivation == "none" then kind = specifiers.void and "void" or "object" end
   return {
      kind = kind,
      const = (derivation == "pointer" and const_pointer)
         or (derivation == "none" and specifiers.const == true),
      simple = not text:find("[%(%[]"),
      name_at = starts[name_at] or #text + 1,
   }
end

return M
