-- vv32.render: which files, from which template, rendered how.
local helpers = require "gen_helpers"
local model = require "vv32.model"
local render = require "vv32.render"
local spec = require "vv32.spec"
local validate = require "vv32.validate"

local function build(source)
   local validated, errors = validate.run(assert(spec.run(source, "types.lua")))
   assert.same({}, errors)
   return model.build(validated)
end

local function names(files)
   local out = {}
   for i, file in ipairs(files) do out[i] = file.name end
   return out
end

local ALL = { "valvec32_common.h.tpl", "valvec32_common.c.tpl", "valvec32.h.tpl",
   "valvec32.c.tpl", "test_valvec32.c.tpl" }

-- Templates compiled from { [file] = text } in a temp dir.
local function templates_from(texts)
   local dir = helpers.tmpdir()
   local files = {}
   for file, text in pairs(texts) do
      helpers.write(dir .. "/" .. file, text)
      files[#files + 1] = file
   end
   local templates, message = render.load_templates(dir, files)
   helpers.rmtree(dir)
   return templates, message
end

describe("vv32.render", function()
   local good = build(helpers.GOOD_SPEC)

   it("lists common files first, then each type's files in spec order", function()
      assert.same({ "valvec32_common.h", "valvec32_common.c", "valvec32_i32.h", "valvec32_i32.c",
         "test_valvec32_i32.c", "valvec32_str.h", "valvec32_str.c", "test_valvec32_str.c" },
         names(render.outputs(good, {})))
      assert.same({ "valvec32_common.h", "valvec32_common.c", "valvec32_i32.h", "valvec32_i32.c",
         "valvec32_str.h", "valvec32_str.c" }, names(render.outputs(good, { no_tests = true })))
   end)

   it("needs the test template only with tests", function()
      assert.same(ALL, render.template_files({}))
      assert.same({ table.unpack(ALL, 1, 4) }, render.template_files({ no_tests = true }))
   end)

   it("renders the fixture templates", function()
      local templates = assert(render.load_templates(helpers.TEMPLATES, ALL))
      local files = assert(render.render(good, templates, {}))
      assert.same(names(render.outputs(good, {})), names(files))
      assert.equal(table.concat({
         "/* valvec32_i32.h from types.lua by vv32gen 0.1.0. */",
         "#ifndef VALVEC32_I32_H",
         "#define VALVEC32_I32_H",
         '#include "valvec32_common.h"',
         "#include <stdint.h>",
         '#include "num.h"',
         "",
         "typedef struct valvec32_i32 { int32_t *data; uint32_t len; uint32_t cap; } valvec32_i32;",
         "",
         "vv32_status valvec32_i32_push_clone(valvec32_i32 *v, const int32_t *src);",
         "",
         "void valvec32_i32_sort(valvec32_i32 *v);   /* i32_cmp */",
         "",
         "#endif",
         "",
      }, "\n"), files[3].content)
      assert.equal(table.concat({
         "/* Suite for valvec32_str (test_valvec32_str.c). */",
         '#include "valvec32_str.h"',
         '#include "str_hooks.h"',
         "static char * sample(int i) { return str_from_int(i); }",
         "/* needs tests/support/str_hooks.c */",
         "",
      }, "\n"), files[8].content)
   end)

   it("renders the same bytes every time", function()
      local templates = assert(render.load_templates(helpers.TEMPLATES, ALL))
      local first = assert(render.render(good, templates, {}))
      local second = assert(render.render(build(helpers.GOOD_SPEC), templates, {}))
      assert.same(first, second)
   end)

   describe("normalize", function()
      it("drops trailing blanks, collapses blank runs, ends with one newline", function()
         assert.equal("a\n\nb\n", render.normalize("\n\na  \n\n\n\n \t\nb \t"))
         assert.equal("a\n\nb\n", render.normalize("a\n\nb\n\n\n"))
         assert.equal("\n", render.normalize(""))
      end)
   end)

   describe("strict environment", function()
      -- Every template is fake[file] = the one compiled from text.
      local function render_with(text, source)
         local templates = assert(templates_from { ["x.tpl"] = text, ["common.tpl"] = "x" })
         local fake = setmetatable({}, { __index = function(_, file)
            return templates[file:match("^valvec32_common") and "common.tpl" or "x.tpl"]
         end })
         return render.render(build(source or 'valvec32 { name = "a", type = "int" }'), fake, {})
      end

      it("stops at an undefined name, naming the template's own line", function()
         local files, message = render_with("ok\n${undefined_name}\n")
         assert.is_nil(files)
         assert.equal("templates/x.tpl:2: template reads undefined name undefined_name", message)
      end)

      it("maps line numbers through text, inline and Lua lines", function()
         local lines = { "/* a */", "@ for _, x in ipairs({ 1, 2 }) do", "x ${x} \\", "@ end",
            "@ if common_version then", "", "  a\\", "@ end", "b ${version} \"q\"", "end" }
         for target, line in ipairs(lines) do
            local broken = { table.unpack(lines) }
            if line:match("^@ if") then
               broken[target] = "@ if missing_name then"
            else
               broken[target] = line .. " ${missing_name}"
            end
            if not line:match("^@ end") and not line:match("^@ for") then
               local _, message = render_with(table.concat(broken, "\n") .. "\n")
               assert.equal(("templates/x.tpl:%d: template reads undefined name missing_name")
                  :format(target), message)
            end
         end
      end)

      it("stops at an unknown field of t, t.test and t.alloc", function()
         for source, expected in pairs {
            ["${t.has_clone}"] = "t.has_clone", ["${t.test.samples}"] = "t.test.samples",
         } do
            local files, message = render_with("\n" .. source)
            assert.is_nil(files)
            assert.equal("templates/x.tpl:2: template reads undefined " .. expected, message)
         end
         local _, message = render_with("${t.alloc.malloc}", 'valvec32 { name = "a",'
            .. ' type = "int", alloc = { realloc = "my_realloc", free = "my_free" } }')
         assert.equal("templates/x.tpl:1: template reads undefined t.alloc.malloc", message)
      end)

      it("gives common templates no t", function()
         local templates = assert(templates_from { ["valvec32_common.h.tpl"] = "${t.name}" })
         local fake = setmetatable({}, {
            __index = function() return templates["valvec32_common.h.tpl"] end,
         })
         local _, message = render.render(build('valvec32 { name = "a", type = "int" }'), fake, {})
         assert.equal("templates/valvec32_common.h.tpl:1: template reads undefined name t", message)
      end)
   end)

   describe("load_templates", function()
      it("reports a missing template", function()
         local templates, message = render.load_templates("/nonexistent", { "valvec32.h.tpl" })
         assert.is_nil(templates)
         assert.equal("cannot read template /nonexistent/valvec32.h.tpl: No such file or directory",
            message)
      end)

      it("reports a template's Lua syntax error at its line", function()
         local templates, message = templates_from { ["valvec32.h.tpl"] = "a ${1}\n@ if then\n" }
         assert.is_nil(templates)
         assert.equal("templates/valvec32.h.tpl:2: unexpected symbol near 'then'", message)
      end)
   end)

   describe("the repository's templates", function()
      it("render a small spec", function()
         if not helpers.exists(helpers.REAL_TEMPLATES .. "/test_valvec32.c.tpl") then
            pending("the real templates are not all there yet")
            return
         end
         local templates = assert(render.load_templates(helpers.REAL_TEMPLATES, ALL))
         local files = assert(render.render(build(helpers.GOOD_SPEC), templates, {}))
         assert.equal(8, #files)
         assert.truthy(files[3].content:find('#include "valvec32_common.h"', 1, true))
      end)

      -- Every kind of type, its hooks named zz_* so they stand out from the template's own.
      local EVERY_KIND = [[
valvec32 { name = "k1", type = "int", cmp = "zz_cmp" }
valvec32 { name = "k2", type = "struct zz_s", clone = "zz_clone", drop = "zz_drop",
           eq = "zz_eq", test = { sample = "zz_sample(i)" } }
valvec32 { name = "k3", type = "struct zz_s", drop = "zz_drop",
           test = { sample = "zz_sample(i)" } }
valvec32 { name = "k4", type = "int", cmp = "zz_cmp",
           alloc = { realloc = "zz_realloc", free = "zz_free", usable_size = "zz_usable" } }
valvec32 { name = "k5", type = "int", alloc = { realloc = "zz_realloc", free = "zz_free" } }
valvec32 { name = "k6", type = "int (*)(int)" }
]]
      -- Words of the per-type header and source that are not the template's own names.
      local STANDARD = {}
      for word in ([[NULL SIZE_MAX UINT32_MAX bool true false size_t uint32_t uint64_t
            uintptr_t memcpy memmove memset abort include define defined if ifdef ifndef
            endif elif else error stdbool stddef stdint string h __func__]]):gmatch("%S+") do
         STANDARD[word] = true
      end

      it("declare no name a hook or type name could need, beyond ctype.GENERATED_LOCALS",
         function()
         local ctype = require "vv32.ctype"
         local templates = assert(render.load_templates(helpers.REAL_TEMPLATES, ALL))
         local files = assert(render.render(build(EVERY_KIND), templates, { no_tests = true }))
         local unlisted = {}
         for _, file in ipairs(files) do
            if not file.name:find("common", 1, true) then
               local code = file.content:gsub("/%*.-%*/", " "):gsub('"[^"\n]*"', " ")
                  :gsub("%f[%w_]%d[%w_]*", " ")
               for word in code:gmatch("[%a_][%w_]*") do
                  local prefixed = word:find("^valvec32_") or word:find("^[Vv][Vv]32_")
                     or word:find("^VALVEC32_") or word:find("^zz_")
                  if not (prefixed or ctype.KEYWORDS[word] or STANDARD[word]
                          or ctype.GENERATED_LOCALS[word]) then
                     unlisted[word] = true
                  end
               end
            end
         end
         assert.same({}, unlisted)
      end)
   end)
end)
