-- vv32.model: turns a validated spec (vv32.validate) into the plain tables the templates
-- read, computing every name and flag once so templates only branch and loop.
--
-- build() returns the common fields and the types, in spec order:
--   tool "vv32gen", version "0.1.0", spec (basename of the spec path as given),
--   common_version 1 (bump when valvec32_common.h's ABI changes), types = { t, ... }
-- Each t has every field below; an absent option is false, never nil:
--   t.name "i32"            t.V "valvec32_i32"        t.GUARD "VALVEC32_I32_H"
--   t.T "int32_t"           the element type, whitespace collapsed to one space; for a
--                           spelling with "(" or "[" (int (*)(int)), or with a word the
--                           generated code uses for a local ("len *"), its typedef's name
--   t.CT "const int32_t"    T const-qualified: "const char *const" for T "const char *"
--   t.elem_typedef false, or "typedef int (*valvec32_f_elem)(int);" (declares T)
--   t.header "valvec32_i32.h"   t.source "valvec32_i32.c"   t.test_source "test_valvec32_i32.c"
--   t.includes { "<stdint.h>", "\"x.h\"" }   ready for #include; bare x.h quoted; deduplicated
--   t.clone, t.drop, t.cmp, t.eq             hook names or false
--   t.managed (clone or drop)   t.move_only (drop, no clone)   t.copyable (not move_only)
--   t.has_cmp (cmp)             t.has_eq (eq or cmp)
--   t.alloc false or { realloc = "r", free = "f", usable_size = "u" or false }
--   t.test { sample = C expression of `int i` (default "(T)(i)", for pointer types
--            "(T)(uintptr_t)(i)"), includes = { as t.includes },
--            sources = { "tests/support/x.c", ... } (deduplicated) }
local ctype = require "vv32.ctype"
local paths = require "vv32.paths"

local M = {}

M.TOOL = "vv32gen"
M.VERSION = "0.1.0"
M.COMMON_VERSION = 1

local function collapse_whitespace(text)
   return (text:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function format_include(entry)
   if entry:match("^<.*>$") or entry:match('^".*"$') then return entry end
   return '"' .. entry .. '"'
end

-- Applies format to each entry of list (nil = empty) and drops repeats, keeping order.
local function unique(list, format)
   local seen, out = {}, {}
   for _, entry in ipairs(list or {}) do
      local value = format(entry)
      if not seen[value] then
         seen[value] = true
         out[#out + 1] = value
      end
   end
   return out
end

local function identity(value)
   return value
end

-- Whether a word of the spelling is also a parameter or local of the generated code,
-- which would hide it where the templates write the element type.
local function shadowed(info)
   for _, identifier in ipairs(info.ordinary) do
      if ctype.GENERATED_LOCALS[identifier] then return true end
   end
   return false
end

-- T, CT and elem_typedef for a valid type spelling (info: ctype.parse's); a spelling that
-- "T *p" cannot extend, or one a local of the generated code would hide, gets a typedef,
-- so the templates can keep writing "${t.T} *data".
local function element_type(spelling, info, V)
   if not info.simple or shadowed(info) then
      local name = V .. "_elem"
      local before, after = spelling:sub(1, info.name_at - 1), spelling:sub(info.name_at)
      if before:match("[%w_]$") then before = before .. " " end
      local declarator = before .. name .. after
      return name, "const " .. name, "typedef " .. declarator .. ";"
   end
   if info.kind == "pointer" then
      return spelling, spelling .. (spelling:sub(-1) == "*" and "const" or " const"), false
   end
   return spelling, "const " .. spelling, false
end

-- The test suite's value for `int i` when the spec gives no test.sample. An int cast
-- straight to a pointer of another width draws gcc's "cast to pointer from integer of
-- different size", so pointers go through uintptr_t (the suite includes <stdint.h>).
local function default_sample(T, info)
   if info.kind == "pointer" then return "(" .. T .. ")(uintptr_t)(i)" end
   return "(" .. T .. ")(i)"
end

local function build_type(fields)
   local V = "valvec32_" .. fields.name
   local spelling = collapse_whitespace(fields.type)
   local info = ctype.parse(spelling)
   local T, CT, elem_typedef = element_type(spelling, info, V)
   local test = fields.test or {}
   local t = {
      name = fields.name,
      V = V,
      T = T,
      CT = CT,
      elem_typedef = elem_typedef,
      GUARD = "VALVEC32_" .. fields.name:upper() .. "_H",
      header = "valvec32_" .. fields.name .. ".h",
      source = "valvec32_" .. fields.name .. ".c",
      test_source = "test_valvec32_" .. fields.name .. ".c",
      includes = unique(fields.includes, format_include),
      clone = fields.clone or false,
      drop = fields.drop or false,
      cmp = fields.cmp or false,
      eq = fields.eq or false,
      alloc = false,
      test = {
         sample = test.sample or default_sample(T, info),
         includes = unique(test.includes, format_include),
         sources = unique(test.sources, identity),
      },
   }
   t.managed = t.clone ~= false or t.drop ~= false
   t.move_only = t.drop ~= false and t.clone == false
   t.copyable = not t.move_only
   t.has_cmp = t.cmp ~= false
   t.has_eq = t.has_cmp or t.eq ~= false
   if fields.alloc then
      t.alloc = {
         realloc = fields.alloc.realloc,
         free = fields.alloc.free,
         usable_size = fields.alloc.usable_size or false,
      }
   end
   return t
end

-- validated: vv32.validate's result for a spec with no errors.
function M.build(validated)
   local types = {}
   for i, declaration in ipairs(validated.types) do types[i] = build_type(declaration.fields) end
   return {
      tool = M.TOOL,
      version = M.VERSION,
      spec = paths.basename(validated.path),
      common_version = M.COMMON_VERSION,
      types = types,
   }
end

return M
