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

   it("sees qualifiers at the top only", function()
      local function top(spelling) return assert(ctype.parse(spelling)).qualifiers end
      assert.same({ const = true }, top("const int"))
      assert.same({ const = true }, top("int const"))
      assert.same({ const = true }, top("char *const"))
      assert.same({ const = true }, top("int (*const)(int)"))
      assert.same({ volatile = true }, top("volatile int"))
      assert.same({ volatile = true }, top("char *volatile"))
      assert.same({ restrict = true }, top("int *restrict"))
      assert.same({ const = true, volatile = true }, top("int *const volatile"))
      assert.same({}, top("const char *"))
      assert.same({}, top("char *const *"))
      assert.same({}, top("int *restrict *"))
      assert.same({}, top("my_ptr restrict *"))
      assert.same({}, top("struct s"))
   end)

   it("accepts C99's combinations of type specifiers, in any order", function()
      for _, spelling in ipairs { "signed char", "char unsigned", "short", "short int",
         "unsigned short int", "signed", "unsigned", "long", "long int", "unsigned long",
         "long long", "long unsigned long int", "long double", "_Bool", "float _Complex",
         "_Complex double", "long double _Complex", "bool", "wchar_t", "size_t",
         "union u", "enum e", "__int128" } do
         assert.equal("object", assert(ctype.parse(spelling)).kind, spelling)
      end
   end)

   it("lists the identifiers that are no keywords", function()
      assert.same({ "s", "my_t", "N" }, ctype.parse("struct s (*)(my_t, int[N])").identifiers)
   end)

   it("tells reserved identifiers", function()
      for _, name in ipairs { "__x", "_X", "__extension__", "_Pragma", "__VA_ARGS__" } do
         assert.is_true(ctype.reserved(name), name)
      end
      for _, name in ipairs { "x", "_x", "x__", "int" } do
         assert.is_false(ctype.reserved(name), name)
      end
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
      assert.same({ nil, "syntax" }, { ctype.parse("unsigned size_t") })
      assert.same({ nil, "syntax" }, { ctype.parse("const") })
      for _, spelling in ipairs { "int int", "short long", "unsigned float", "signed unsigned",
         "long long long", "_Complex", "int size_t long" } do
         assert.same({ nil, "specifiers", spelling }, { ctype.parse(spelling) })
      end
      assert.same({ nil, "specifiers", "long struct s double" },
         { ctype.parse("long struct s double") })
      assert.same({ nil, "tag", "struct" }, { ctype.parse("struct int") })
      assert.same({ nil, "tag", "union" }, { ctype.parse("union const") })
      assert.same({ nil, "tag", "enum" }, { ctype.parse("enum") })
      assert.same({ nil, "keyword", "sizeof" }, { ctype.parse("sizeof") })
      assert.same({ nil, "keyword", "return" }, { ctype.parse("int (*)(return)") })
      assert.same({ nil, "keyword", "class" }, { ctype.parse("class") })
      assert.same({ nil, "keyword", "__extension__" }, { ctype.parse("__extension__ int") })
      assert.same({ nil, "c11", "_Atomic" }, { ctype.parse("_Atomic int") })
      assert.same({ nil, "restrict" }, { ctype.parse("restrict int") })
      assert.same({ nil, "restrict" }, { ctype.parse("struct s restrict *") })
      assert.same({ nil, "derivation", "a function cannot return an array" },
         { ctype.parse("int (*)(void)[3]") })
      assert.same({ nil, "derivation", "a function cannot return a function" },
         { ctype.parse("int (*)(int)(int)") })
      assert.same({ nil, "derivation", "there are no arrays of functions" },
         { ctype.parse("int (*)[2](int)") })
      assert.same({ nil, "derivation", "there are no arrays of void" },
         { ctype.parse("void (*)[3]") })
   end)
end)
