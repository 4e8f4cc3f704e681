-- vv32.ctype: what a type spelling is, and where a declarator's name goes.
local ctype = require "vv32.ctype"

describe("vv32.ctype", function()
   local kinds = {
      { "int32_t", "object" }, { "unsigned long long", "object" }, { "struct point", "object" },
      { "char *", "pointer" }, { "const char *", "pointer" }, { "void *", "pointer" },
      { "int (*)(int)", "pointer" }, { "int (*)[4]", "pointer" }, { "char[16]", "array" },
      { "int *[4]", "array" }, { "int (*[2])(void)", "array" }, { "int (int)", "function" },
      { "int *(void)", "function" }, { "void", "void" }, { "const void", "void" },
      { "int ((*))", "pointer" },
   }
   for _, case in ipairs(kinds) do
      it(("calls %q %s"):format(case[1], case[2]), function()
         assert.equal(case[2], assert(ctype.parse(case[1])).kind)
      end)
   end

   it("sees const at the top only", function()
      assert.is_true(ctype.parse("const int").const)
      assert.is_true(ctype.parse("int const").const)
      assert.is_true(ctype.parse("char *const").const)
      assert.is_true(ctype.parse("int (*const)(int)").const)
      assert.is_false(ctype.parse("const char *").const)
      assert.is_false(ctype.parse("char *const *").const)
      assert.is_false(ctype.parse("struct s").const)
   end)

   it("tells spellings that need a typedef", function()
      assert.is_true(ctype.parse("char * const *").simple)
      assert.is_false(ctype.parse("int (*)(int)").simple)
      assert.is_false(ctype.parse("int (*)[4]").simple)
   end)

   it("finds where a declarator's name goes", function()
      for spelling, expected in pairs {
         ["int (*)(int)"] = "int (*NAME)(int)", ["int (*)[4]"] = "int (*NAME)[4]",
         ["char *"] = "char *NAME", ["int"] = "intNAME",
         ["int (* const)(void)"] = "int (* constNAME)(void)",
      } do
         local at = ctype.parse(spelling).name_at
         assert.equal(expected, spelling:sub(1, at - 1) .. "NAME" .. spelling:sub(at))
      end
   end)

   it("says why a spelling is no type name", function()
      assert.same({ nil, "characters" }, { ctype.parse("int;") })
      assert.same({ nil, "empty" }, { ctype.parse("  ") })
      assert.same({ nil, "unbalanced" }, { ctype.parse("int (*") })
      assert.same({ nil, "declaration", "extern" }, { ctype.parse("extern int") })
      assert.same({ nil, "syntax" }, { ctype.parse("int x") })
      assert.same({ nil, "syntax" }, { ctype.parse("a b") })
      assert.same({ nil, "syntax" }, { ctype.parse("int (*)(int) x") })
   end)
end)
