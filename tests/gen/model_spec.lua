-- vv32.model: the fields templates read, computed once.
local model = require "vv32.model"
local spec = require "vv32.spec"
local validate = require "vv32.validate"

local function build(source, path)
   local loaded = assert(spec.run(source, path or "types.lua"))
   local validated, errors = validate.run(loaded)
   assert.same({}, errors)
   return model.build(validated)
end

describe("vv32.model", function()
   it("carries the common fields", function()
      local m = build('valvec32 { name = "a", type = "int" }', "some/dir/types.lua")
      assert.equal("vv32gen", m.tool)
      assert.equal("0.1.0", m.version)
      assert.equal("types.lua", m.spec)
      assert.equal(1, m.common_version)
      assert.equal(math.type(1), math.type(m.common_version))
   end)

   it("builds a plain type with every field present", function()
      local t = build('valvec32 { name = "i32", type = " int32_t ",'
         .. ' includes = { "<stdint.h>", "x.h", "<stdint.h>", \'"x.h"\' } }').types[1]
      assert.same({
         name = "i32", V = "valvec32_i32", T = "int32_t", CT = "const int32_t",
         elem_typedef = false, GUARD = "VALVEC32_I32_H", header = "valvec32_i32.h",
         source = "valvec32_i32.c", test_source = "test_valvec32_i32.c",
         includes = { "<stdint.h>", '"x.h"' },
         clone = false, drop = false, cmp = false, eq = false,
         managed = false, move_only = false, copyable = true, has_cmp = false, has_eq = false,
         alloc = false,
         test = { sample = "(int32_t)(i)", includes = {}, sources = {} },
      }, t)
   end)

   it("derives the flags from the hooks", function()
      local types = build([[
         valvec32 { name = "a", type = "int", cmp = "cf" }
         valvec32 { name = "b", type = "int", eq = "ef" }
         valvec32 { name = "c", type = "int", drop = "df", test = { sample = "i" } }
         valvec32 { name = "d", type = "int", clone = "cf", test = { sample = "i" } }
         valvec32 { name = "e", type = "int", clone = "cf", drop = "df", cmp = "cf", eq = "ef",
                    test = { sample = "i" } }
      ]]).types
      local function flags(t)
         return { t.managed, t.move_only, t.copyable, t.has_cmp, t.has_eq }
      end
      assert.same({ false, false, true, true, true }, flags(types[1]))
      assert.same({ false, false, true, false, true }, flags(types[2]))
      assert.same({ true, true, false, false, false }, flags(types[3]))
      assert.same({ true, false, true, false, false }, flags(types[4]))
      assert.same({ true, false, true, true, true }, flags(types[5]))
      assert.equal("df", types[3].drop)
      assert.is_false(types[3].clone)
   end)

   it("collapses whitespace in T and const-qualifies it as CT", function()
      local types = build([[
         valvec32 { name = "a", type = "struct \t point" }
         valvec32 { name = "b", type = "const char\n*" }
         valvec32 { name = "c", type = "char * const *" }
      ]]).types
      assert.same({ "struct point", "const struct point" }, { types[1].T, types[1].CT })
      assert.same({ "const char *", "const char *const" }, { types[2].T, types[2].CT })
      assert.same({ "char * const *", "char * const *const" }, { types[3].T, types[3].CT })
   end)

   it("gives spellings with ( or [ a typedef named after the vector", function()
      local t = build('valvec32 { name = "fn", type = "int (*)( int )" }').types[1]
      assert.equal("typedef int (*valvec32_fn_elem)( int );", t.elem_typedef)
      assert.equal("valvec32_fn_elem", t.T)
      assert.equal("const valvec32_fn_elem", t.CT)
      assert.equal("(valvec32_fn_elem)(uintptr_t)(i)", t.test.sample)
   end)

   it("gives a spelling a local of the generated code would hide a typedef too", function()
      local types = build([[
         valvec32 { name = "a", type = "len *", includes = { "len.h" } }
         valvec32 { name = "b", type = "const key *", includes = { "key.h" } }
         valvec32 { name = "c", type = "struct len" }
      ]]).types
      assert.equal("typedef len *valvec32_a_elem;", types[1].elem_typedef)
      assert.same({ "valvec32_a_elem", "const valvec32_a_elem" }, { types[1].T, types[1].CT })
      assert.equal("typedef const key *valvec32_b_elem;", types[2].elem_typedef)
      -- a struct tag lives apart from locals: no typedef needed
      assert.same({ false, "struct len" }, { types[3].elem_typedef, types[3].T })
   end)

   it("converts the default sample to pointers through uintptr_t", function()
      -- "(void *)(i)": gcc's "cast to pointer from integer of different size"
      local types = build([[
         valvec32 { name = "a", type = "void *" }
         valvec32 { name = "b", type = "int const *" }
         valvec32 { name = "c", type = "void (**)(void)" }
         valvec32 { name = "d", type = "unsigned long" }
      ]]).types
      assert.equal("(void *)(uintptr_t)(i)", types[1].test.sample)
      assert.equal("(int const *)(uintptr_t)(i)", types[2].test.sample)
      assert.equal("(valvec32_c_elem)(uintptr_t)(i)", types[3].test.sample)
      assert.equal("(unsigned long)(i)", types[4].test.sample)
   end)

   it("fills alloc and test", function()
      local t = build([[valvec32 { name = "s", type = "char *", clone = "cf",
         alloc = { realloc = "rf", free = "ff" },
         test = { sample = "s(i)", includes = { "h.h", "<h.h>", "h.h" },
                  sources = { "a.c", "a.c", "b.c" } } }]]).types[1]
      assert.same({ realloc = "rf", free = "ff", usable_size = false }, t.alloc)
      assert.same({ sample = "s(i)", includes = { '"h.h"', "<h.h>" }, sources = { "a.c", "b.c" } },
         t.test)
   end)

   it("keeps spec order", function()
      local m = build('valvec32 { name = "z", type = "int" }\n'
         .. 'valvec32 { name = "a", type = "int" }')
      assert.equal("z", m.types[1].name)
      assert.equal("a", m.types[2].name)
   end)
end)
