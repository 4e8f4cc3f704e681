-- vv32.validate: every rule of design.md's "The spec file", every error, in spec order.
local spec = require "vv32.spec"
local validate = require "vv32.validate"

local function check(source)
   local loaded = assert(spec.run(source, "types.lua"))
   return validate.run(loaded)
end

local function errors_of(source)
   local _, errors = check(source)
   return errors
end

-- The one error of a spec declaring a single type with these fields (Lua source).
local function error_of(fields)
   local errors = errors_of("valvec32 { " .. fields .. " }")
   assert.equal(1, #errors, table.concat(errors, "\n"))
   return errors[1]
end

-- A spec declaring each name with type int, one a line.
local function declare(...)
   local lines = {}
   for i, name in ipairs { ... } do
      lines[i] = ('valvec32 { name = %q, type = "int" }'):format(name)
   end
   return table.concat(lines, "\n")
end

local function assert_valid(source)
   local result, errors = check(source)
   assert.same({}, errors)
   return result
end

describe("vv32.validate", function()
   it("accepts a full declaration and returns it with its line", function()
      local result = assert_valid([[
output "generated"
valvec32 {
   name = "str", type = "char *", includes = { "<stdint.h>", '"str.h"', "x/y.h" },
   clone = "str_clone", drop = "str_drop", cmp = "str_cmp", eq = "str_eq",
   alloc = { realloc = "rf", free = "ff", usable_size = "uf" },
   test = { sample = "str_from_int(i)", includes = { "h.h" }, sources = { "s/h.c" } },
}]])
      assert.equal("generated", result.output)
      assert.equal("types.lua", result.path)
      assert.equal(1, #result.types)
      assert.equal(2, result.types[1].line)
      assert.equal("str_clone", result.types[1].fields.clone)
   end)

   it("has no output unless the spec calls output", function()
      assert.is_false(assert_valid('valvec32 { name = "a", type = "int" }').output)
   end)

   describe("name", function()
      for _, name in ipairs { "int", "i32", "Point", "a_b", "x9", "for", "common1" } do
         it("accepts " .. name, function()
            assert_valid(('valvec32 { name = %q, type = "int" }'):format(name))
         end)
      end

      local cases = {
         { "", 'field "name" must not be empty' },
         { "_X", 'field "name" must not start with "_" (reserved in C), got "_X"' },
         { "a__b", 'field "name" must not contain "__" (reserved in C and C++), got "a__b"' },
         { "b_", 'field "name" must not end with "_" (valvec32_<name>_ would contain "__"),'
            .. ' got "b_"' },
         { "1x", 'field "name" must be a letter followed by letters, digits and "_", got "1x"' },
         { "a-b", 'field "name" must be a letter followed by letters, digits and "_",'
            .. ' got "a-b"' },
         { "common", 'field "name" must not be "common": valvec32_common.h is the shared'
            .. ' runtime' },
      }
      for _, case in ipairs(cases) do
         it(("rejects %q"):format(case[1]), function()
            assert.equal(('types.lua:1: valvec32 %q: %s'):format(case[1], case[2]),
               error_of(("name = %q, type = 'int'"):format(case[1])))
         end)
      end

      it("is required", function()
         assert.equal('types.lua:1: valvec32 #1: field "name" is required',
            error_of('type = "int"'))
      end)

      it("labels a declaration by its position when it has no usable name", function()
         local errors = errors_of('valvec32 { name = "a", type = "int" }\nvalvec32 { name = 7 }')
         assert.same({
            'types.lua:2: valvec32 #2: field "name" must be a string, got number',
            'types.lua:2: valvec32 #2: field "type" is required',
         }, errors)
      end)

      it("rejects duplicates, naming the first", function()
         assert.same({ 'types.lua:3: valvec32 "a": duplicate name, first declared at line 1' },
            errors_of('valvec32 { name = "a", type = "int" }\n'
               .. declare("b", "a")))
      end)

      it("rejects names equal but for case", function()
         assert.same({ 'types.lua:2: valvec32 "I32": name collides with "i32" (line 1) after'
            .. ' mangling: both get the header guard VALVEC32_I32_H, and file names that differ'
            .. ' only in case' },
            errors_of(declare("i32", "I32")))
      end)

      it("rejects a name whose vector type is another's function, in either order", function()
         local message = 'name collides with "a" (line %d) after mangling: valvec32_a_swap is'
            .. ' both the vector type of "a_swap" and a name generated for "a"'
         assert.same({ 'types.lua:2: valvec32 "a_swap": ' .. message:format(1) },
            errors_of(declare("a", "a_swap")))
         assert.same({ 'types.lua:2: valvec32 "a": '
            .. message:gsub('"a" %(line %%d%)', '"a_swap" (line 1)') },
            errors_of(declare("a_swap", "a")))
      end)

      it("rejects a name that makes another's functions twice", function()
         assert.same({ 'types.lua:2: valvec32 "a_push": name collides with "a" (line 1) after'
            .. ' mangling: valvec32_a_push is both the vector type of "a_push" and a name'
            .. ' generated for "a"' },
            errors_of(declare("a", "a_push")))
         assert.same({ 'types.lua:2: valvec32 "a_shrink_to": name collides with "a" (line 1)'
            .. ' after mangling: valvec32_a_shrink_to is both the vector type of "a_shrink_to"'
            .. ' and a name generated for "a"' },
            errors_of(declare("a", "a_shrink_to")))
         assert.same({ 'types.lua:2: valvec32 "a_swap": name collides with "a" (line 1) after'
            .. ' mangling: valvec32_a_swap is both the vector type of "a_swap" and a name'
            .. ' generated for "a"' },
            errors_of(declare("a", "a_swap")))
         assert.same({ 'types.lua:2: valvec32 "a_stable": name collides with "a" (line 1)'
            .. ' after mangling: valvec32_a_stable_sort would be generated for both "a" and'
            .. ' "a_stable"' },
            errors_of(declare("a", "a_stable")))
      end)

      it("accepts names that merely share a prefix", function()
         assert_valid(declare("u8", "u8_ptr", "a", "a_shrink", "a_is"))
      end)

      it("names the first of several earlier types a name collides with", function()
         assert.same({
            'types.lua:2: valvec32 "A": name collides with "a" (line 1) after mangling: both'
               .. ' get the header guard VALVEC32_A_H, and file names that differ only in case',
            'types.lua:3: valvec32 "a": duplicate name, first declared at line 1',
         }, errors_of(declare("a", "A", "a")))
      end)

      it("checks many names in linear time", function()
         -- comparing each name with every earlier one took 37 s for 12000 names
         local names = {}
         for i = 1, 20000 do names[i] = "t" .. i end
         local started = os.clock()
         local errors = errors_of(declare(table.unpack(names)) .. "\n" .. declare("t7_push"))
         assert.same({ 'types.lua:20001: valvec32 "t7_push": name collides with "t7" (line 7)'
            .. ' after mangling: valvec32_t7_push is both the vector type of "t7_push" and a'
            .. ' name generated for "t7"' }, errors)
         assert.is_true(os.clock() - started < 10, "took " .. os.clock() - started .. " s")
      end)

      it("limits its length, which every generated identifier and file name carries", function()
         assert_valid(declare(("n"):rep(64)))
         assert.equal(('types.lua:1: valvec32 "%s...": field "name" must be at most 64'
            .. ' characters (it is part of every generated identifier and file name), got 235')
            :format(("n"):rep(60)), error_of(("name = %q, type = 'int'"):format(("n"):rep(235))))
      end)
   end)

   describe("type", function()
      for _, type_name in ipairs { "int32_t", "unsigned long long", "struct point",
         "const char *", "char * const *", "void *", "const void *", "int (*)(int, int)",
         "int (*)[4]", "enum color", "my_t const *", "long double", "struct  s\n*",
         "int (*)(void)", "double _Complex", "bool", "int *restrict *", "volatile int *",
         "__int128", "T", "V" } do
         it(("accepts %q"):format(type_name), function()
            assert_valid(("valvec32 { name = 'x', type = %q }"):format(type_name))
         end)
      end

      local chars = 'may only contain identifiers, whitespace, "*", "(", ")", "[", "]" and ","'
      local cases = {
         { "", 'must not be empty' },
         { "int;", chars .. ', got "int;"' },
         { "struct { int a; }", chars .. ', got "struct { int a; }"' },
         { "int */ x /*", chars .. ', got "int */ x /*"' },
         { "int\n#define x", chars .. ', got "int\\x0A#define x"' },
         { "int (*", 'has unbalanced brackets, got "int (*"' },
         { "int (*])", 'has unbalanced brackets, got "int (*])"' },
         { "char[16]", 'must not be an array type (wrap the array in a struct), got "char[16]"' },
         { "int *[4]", 'must not be an array type (wrap the array in a struct), got "int *[4]"' },
         { "int (*[3])(int)", 'must not be an array type (wrap the array in a struct),'
            .. ' got "int (*[3])(int)"' },
         { "int (int)", 'must not be a function type (wrap it in a struct or use a function'
            .. ' pointer), got "int (int)"' },
         { "int *(void)", 'must not be a function type (wrap it in a struct or use a function'
            .. ' pointer), got "int *(void)"' },
         { "void", 'must be a complete object type, not void ("void *" is fine), got "void"' },
         { "const void", 'must be a complete object type, not void ("void *" is fine),'
            .. ' got "const void"' },
         { "const int", 'must be assignable: drop the top-level const, got "const int"' },
         { "int *const", 'must be assignable: drop the top-level const, got "int *const"' },
         { "int (* const)(void)", 'must be assignable: drop the top-level const,'
            .. ' got "int (* const)(void)"' },
         { "static int", 'must be a type name, not a declaration ("static"), got "static int"' },
         { "typedef int", 'must be a type name, not a declaration ("typedef"),'
            .. ' got "typedef int"' },
         { "int x", 'is not a C type name, got "int x"' },
         { "int *x", 'is not a C type name, got "int *x"' },
         { "int, int", 'is not a C type name, got "int, int"' },
         { "struct", 'is not a C type name: "struct" must be followed by a tag name,'
            .. ' got "struct"' },
         { "struct const", 'is not a C type name: "struct" must be followed by a tag name,'
            .. ' got "struct const"' },
         { "struct int", 'is not a C type name: "struct" must be followed by a tag name,'
            .. ' got "struct int"' },
         { "volatile int", 'must not be volatile: drop the top-level volatile (the vector'
            .. ' copies its elements with memcpy, which volatile objects forbid),'
            .. ' got "volatile int"' },
         { "char *volatile", 'must not be volatile: drop the top-level volatile (the vector'
            .. ' copies its elements with memcpy, which volatile objects forbid),'
            .. ' got "char *volatile"' },
         { "int *restrict", 'must not be restrict-qualified: drop the top-level restrict'
            .. ' (the vector keeps copies of each pointer, which restrict forbids),'
            .. ' got "int *restrict"' },
         { "restrict int", 'is not a C type name: restrict qualifies pointers only,'
            .. ' got "restrict int"' },
         { "int int", 'is not a C type name: "int int" is no combination of type specifiers'
            .. ' C99 allows (6.7.2), got "int int"' },
         { "short long", 'is not a C type name: "short long" is no combination of type'
            .. ' specifiers C99 allows (6.7.2), got "short long"' },
         { "unsigned float", 'is not a C type name: "unsigned float" is no combination of'
            .. ' type specifiers C99 allows (6.7.2), got "unsigned float"' },
         { "signed unsigned", 'is not a C type name: "signed unsigned" is no combination of'
            .. ' type specifiers C99 allows (6.7.2), got "signed unsigned"' },
         { "long long long", 'is not a C type name: "long long long" is no combination of'
            .. ' type specifiers C99 allows (6.7.2), got "long long long"' },
         { "_Complex", 'is not a C type name: "_Complex" is no combination of type'
            .. ' specifiers C99 allows (6.7.2), got "_Complex"' },
         { "sizeof", 'is not a C type name: "sizeof" is a keyword that is no type specifier'
            .. ' or qualifier, got "sizeof"' },
         { "return", 'is not a C type name: "return" is a keyword that is no type specifier'
            .. ' or qualifier, got "return"' },
         { "class", 'is not a C type name: "class" is a keyword that is no type specifier'
            .. ' or qualifier, got "class"' },
         { "_Atomic int", 'must be C99: "_Atomic" is C11 and the generated code is C99,'
            .. ' got "_Atomic int"' },
         { "int (*)(void)[3]", 'is not a C type name: a function cannot return an array,'
            .. ' got "int (*)(void)[3]"' },
         { "int (*)(int)(int)", 'is not a C type name: a function cannot return a function,'
            .. ' got "int (*)(int)(int)"' },
         { "vv32t_elem", 'must not use "vv32t_elem": names starting with "vv32t_" are'
            .. ' reserved for the generated test suites, got "vv32t_elem"' },
         { "struct VV32T_s *", 'must not use "VV32T_s": names starting with "vv32t_" are'
            .. ' reserved for the generated test suites, got "struct VV32T_s *"' },
         { "const", 'is not a C type name, got "const"' },
         { "*", 'is not a C type name, got "*"' },
         { "16", 'is not a C type name, got "16"' },
         { "int\255", 'is not valid UTF-8, got "int\\xFF"' },
      }
      for _, case in ipairs(cases) do
         it(("rejects %q"):format(case[1]), function()
            assert.equal('types.lua:1: valvec32 "x": field "type" ' .. case[2],
               error_of(("name = 'x', type = %q"):format(case[1])))
         end)
      end

      it("is required and must be a string", function()
         assert.equal('types.lua:1: valvec32 "x": field "type" is required', error_of('name = "x"'))
         assert.equal('types.lua:1: valvec32 "x": field "type" must be a string, got table',
            error_of('name = "x", type = {}'))
      end)

      it("quotes long values shortly", function()
         local message = error_of(("name = 'x', type = %q"):format(("a"):rep(100) .. ";"))
         assert.equal('types.lua:1: valvec32 "x": field "type" ' .. chars .. ', got "'
            .. ("a"):rep(60) .. '..."', message)
      end)
   end)

   describe("includes", function()
      it("accepts <path>, \"path\" and bare paths", function()
         assert_valid([[valvec32 { name = 'x', type = 'int',
            includes = { "<sys/types.h>", '"my/x.h"', "x.h", "héllo.h" } }]])
      end)

      local form = 'must be <path>, "path" or a bare path, with no quote, angle bracket,'
         .. ' backslash, whitespace or control character inside, got '
      local cases = {
         { "", 'must not be empty' },
         { "<>", 'must not be empty' },
         { '""', 'must not be empty' },
         { "a b.h", form .. '"a b.h"' },
         { "<a\nb.h>", form .. '"<a\\x0Ab.h>"' },
         { 'a"b.h', form .. '"a\\"b.h"' },
         { "<a<b.h>", form .. '"<a<b.h>"' },
         { "<a.h", form .. '"<a.h"' },
         { "a'b.h", form .. '"a\'b.h"' },
         { "a\\b.h", form .. '"a\\\\b.h"' },
         { "<stdint.h??/>", 'must not contain the trigraph "??/", got "<stdint.h??/>"' },
         { "a??=.h", 'must not contain the trigraph "??=", got "a??=.h"' },
         { "<a//b.h>", 'must not contain "//" or "/*" (undefined in a header name),'
            .. ' got "<a//b.h>"' },
         { "\"a/*b.h\"", 'must not contain "//" or "/*" (undefined in a header name),'
            .. ' got "\\"a/*b.h\\""' },
      }
      for _, case in ipairs(cases) do
         it(("rejects %q"):format(case[1]), function()
            assert.equal('types.lua:1: valvec32 "x": field "includes[1]" ' .. case[2],
               error_of(("name = 'x', type = 'int', includes = { %q }"):format(case[1])))
         end)
      end

      it("must be a list of strings", function()
         assert.equal('types.lua:1: valvec32 "x": field "includes" must be a list of strings'
            .. ' such as { "x" }, got string',
            error_of('name = "x", type = "int", includes = "<stdint.h>"'))
         assert.equal('types.lua:1: valvec32 "x": field "includes" must be a list, but has the'
            .. ' key "a"', error_of('name = "x", type = "int", includes = { a = "x.h" }'))
         assert.equal('types.lua:1: valvec32 "x": field "includes[2]" must be a string,'
            .. ' got number', error_of('name = "x", type = "int", includes = { "x.h", 2 }'))
      end)
   end)

   describe("hooks", function()
      it("accepts C identifiers for every hook", function()
         assert_valid([[valvec32 { name = "s", type = "struct s", clone = "s_clone",
            drop = "_s_drop", cmp = "S_cmp2", eq = "seq", test = { sample = "s(i)" } }]])
      end)

      for _, hook in ipairs { "clone", "drop", "cmp", "eq" } do
         it("checks " .. hook, function()
            local errors = errors_of(('valvec32 { name = "s", type = "int", %s = "1x",'
               .. ' test = { sample = "i" } }'):format(hook))
            assert.same({ ('types.lua:1: valvec32 "s": field "%s" must be a C identifier,'
               .. ' got "1x"'):format(hook) }, errors)
         end)
      end

      for _, name in ipairs { "__extension__", "__asm__", "__attribute__", "_Pragma",
         "__VA_ARGS__", "__func__", "__LINE__", "__typeof__", "__restrict", "__x", "_X1" } do
         it("rejects the reserved identifier " .. name, function()
            assert.equal(('types.lua:1: valvec32 "s": field "eq" must not be a reserved'
               .. ' identifier (names starting with "__" or "_" and an uppercase letter belong'
               .. ' to the compiler), got "%s"'):format(name),
               error_of(('name = "s", type = "int", eq = %q'):format(name)))
         end)
      end

      it("keeps the test suites' prefix to them", function()
         for _, name in ipairs { "vv32t_drop", "VV32T_cmp", "Vv32t_x" } do
            assert.equal(('types.lua:1: valvec32 "s": field "cmp" must not start with "vv32t_"'
               .. ' (reserved for the generated test suites), got "%s"'):format(name),
               error_of(('name = "s", type = "int", cmp = %q'):format(name)))
         end
      end)

      it("keeps hooks off the names of the generated code's parameters and locals", function()
         -- in lower_bound, "uint32_t lo" would hide a cmp hook named lo
         for _, name in ipairs { "lo", "key", "v", "n" } do
            assert.equal(('types.lua:1: valvec32 "s": field "cmp" must not be the name of a'
               .. ' parameter or local of the generated code, which would hide the hook,'
               .. ' got "%s"'):format(name),
               error_of(('name = "s", type = "int", cmp = %q'):format(name)))
         end
      end)

      it("accepts names the suites once took for themselves", function()
         assert_valid([[valvec32 { name = "s", type = "T", includes = { "t.h" },
            clone = "sample_", drop = "drop_", cmp = "setup_", eq = "rand_",
            alloc = { realloc = "made_", free = "V", usable_size = "ef" },
            test = { sample = "mk(i)" } }]])
      end)

      for _, keyword in ipairs { "int", "for", "_Bool", "bool", "class", "new", "template",
         "and", "nullptr", "typeof", "co_await" } do
         it("rejects the keyword " .. keyword, function()
            assert.equal(('types.lua:1: valvec32 "s": field "cmp" must not be a C or C++ keyword,'
               .. ' got "%s"'):format(keyword), error_of(('name = "s", type = "int", cmp = %q')
               :format(keyword)))
         end)
      end

      it("requires test.sample for managed types", function()
         for _, hooks in ipairs { 'clone = "cf"', 'drop = "df"', 'clone = "cf", drop = "df"' } do
            assert.equal('types.lua:1: valvec32 "s": field "test.sample" is required for a'
               .. ' managed type (one with clone or drop)',
               error_of('name = "s", type = "int", ' .. hooks))
            assert.equal('types.lua:1: valvec32 "s": field "test.sample" is required for a'
               .. ' managed type (one with clone or drop)',
               error_of('name = "s", type = "int", test = { includes = {} }, ' .. hooks))
         end
      end)
   end)

   describe("alloc", function()
      it("accepts realloc and free, usable_size optional", function()
         assert_valid('valvec32 { name = "a", type = "int",'
            .. ' alloc = { realloc = "rf", free = "ff" } }')
      end)

      it("reports unknown and missing keys", function()
         assert.same({
            'types.lua:1: valvec32 "a": unknown field "alloc.frees" (did you mean "alloc.free"?)',
            'types.lua:1: valvec32 "a": unknown field "alloc.malloc"'
               .. ' (did you mean "alloc.realloc"?)',
            'types.lua:1: valvec32 "a": field "alloc.free" is required',
         }, errors_of('valvec32 { name = "a", type = "int", alloc = { realloc = "rf",'
            .. ' frees = "f", malloc = "m" } }'))
         assert.equal('types.lua:1: valvec32 "a": field "alloc.realloc" is required',
            error_of('name = "a", type = "int", alloc = { free = "ff" }'))
         assert.equal('types.lua:1: valvec32 "a": field "alloc.usable_size" must be a C'
            .. ' identifier, got "u s"',
            error_of('name = "a", type = "int", alloc = { realloc = "rf", free = "ff",'
               .. ' usable_size = "u s" }'))
      end)

      it("must be a table", function()
         assert.equal('types.lua:1: valvec32 "a": field "alloc" must be a table, got string',
            error_of('name = "a", type = "int", alloc = "r"'))
      end)
   end)

   describe("test", function()
      for _, sample in ipairs { "str_from_int(i)", "(struct p){ 0 }", "f(\"a;b\")" } do
         local valid = not sample:find("[{;]")
         it((valid and "accepts " or "rejects ") .. sample, function()
            local errors = errors_of(
               ('valvec32 { name = "a", type = "int", test = { sample = %q } }'):format(sample))
            assert.equal(valid and 0 or 1, #errors)
         end)
      end

      local cases = {
         { "", "must not be empty" },
         { "i; abort()", 'must be a C expression without ";", "{" or "}", got "i; abort()"' },
         { "i }", 'must be a C expression without ";", "{" or "}", got "i }"' },
         { "i /* x", 'must not contain a comment ("/*"), got "i /* x"' },
         { "i */", 'must not contain a comment ("*/"), got "i */"' },
         { "i // x", 'must not contain a comment ("//"), got "i // x"' },
         { "i\n", 'must be one line without control characters, got "i\\x0A"' },
         { "f((i)", 'has unbalanced brackets, got "f((i)"' },
         { "f(i))", 'has unbalanced brackets, got "f(i))"' },
         { "a[i)", 'has unbalanced brackets, got "a[i)"' },
         { 'f("a)', 'has an unterminated string or character literal, got "f(\\"a)"' },
         { "(int)(i) %> int injected(void) <% return 1",
            'must not contain the digraph "%>" outside a literal (C reads it as "}"),'
            .. ' got "(int)(i) %> int injected(void) <% return 1"' },
         { "a<:i:>", 'must not contain the digraph "<:" outside a literal (C reads it as "["),'
            .. ' got "a<:i:>"' },
         { "i %: 2", 'must not contain the digraph "%:" outside a literal (C reads it as "#"),'
            .. ' got "i %: 2"' },
         { "(int)(i) ??> int injected(void) ??< return 1",
            'must not contain the trigraph "??>", got "(int)(i) ??> int injected(void) ??<'
            .. ' return 1"' },
         { 'i + (int)sizeof("??/")', 'must not contain the trigraph "??/",'
            .. ' got "i + (int)sizeof(\\"??/\\")"' },
         { "i ??= 2", 'must not contain the trigraph "??=", got "i ??= 2"' },
      }
      for _, case in ipairs(cases) do
         it(("rejects the sample %q"):format(case[1]), function()
            assert.equal('types.lua:1: valvec32 "a": field "test.sample" ' .. case[2],
               error_of(("name = 'a', type = 'int', test = { sample = %q }"):format(case[1])))
         end)
      end

      it("allows digraphs and lone question marks inside literals", function()
         assert_valid([[valvec32 { name = "a", type = "int",
            test = { sample = 'f("<%%>", \'%\', "?? ?")' } }]])
      end)

      it("ignores brackets inside literals", function()
         assert_valid([[valvec32 { name = "a", type = "int",
            test = { sample = 'f(")", \'(\', "\\"(")' } }]])
      end)

      it("checks includes, sources and unknown keys", function()
         assert.same({
            'types.lua:1: valvec32 "a": unknown field "test.sourcse"'
               .. ' (did you mean "test.sources"?)',
            'types.lua:1: valvec32 "a": field "test.includes[1]" must not be empty',
            'types.lua:1: valvec32 "a": field "test.sources[1]" must be a path without whitespace'
               .. ' or control characters, got "a b.c"',
         }, errors_of('valvec32 { name = "a", type = "int", test = { includes = { "" },'
            .. ' sources = { "a b.c" }, sourcse = {} } }'))
      end)

      it("must be a table", function()
         assert.equal('types.lua:1: valvec32 "a": field "test" must be a table, got string',
            error_of('name = "a", type = "int", test = "x"'))
      end)
   end)

   describe("unknown fields", function()
      it("sorts keys of every type and shows no addresses", function()
         assert.same({
            'types.lua:1: valvec32 "s": unknown field "zzzzz"',
            'types.lua:1: valvec32 "s": unknown field [-2.5]',
            'types.lua:1: valvec32 "s": unknown field [1]',
            'types.lua:1: valvec32 "s": unknown field [false]',
            'types.lua:1: valvec32 "s": unknown field [true]',
            'types.lua:1: valvec32 "s": and 2 more unknown fields',
         }, errors_of('valvec32 { name = "s", type = "int", [{}] = 1, [tostring] = 1,'
            .. ' [true] = 1, [false] = 1, [-2.5] = 1, zzzzz = 1, "x" }'))
         assert.same({
            'types.lua:1: valvec32 "s": unknown field alloc[2]',
            'types.lua:1: valvec32 "s": unknown field alloc[function]',
            'types.lua:1: valvec32 "s": unknown field alloc[table]',
         }, errors_of('valvec32 { name = "s", type = "int", alloc = { realloc = "rf",'
            .. ' free = "ff", [2] = 1, [{}] = 1, [type] = 1 } }'))
      end)

      it("lists the first few and counts the rest", function()
         local errors = errors_of('local t = { name = "s", type = "int" }\n'
            .. 'for i = 1, 50 do t[i] = i; t[{}] = i end\nvalvec32(t)')
         assert.same({
            'types.lua:3: valvec32 "s": unknown field [1]',
            'types.lua:3: valvec32 "s": unknown field [2]',
            'types.lua:3: valvec32 "s": unknown field [3]',
            'types.lua:3: valvec32 "s": unknown field [4]',
            'types.lua:3: valvec32 "s": unknown field [5]',
            'types.lua:3: valvec32 "s": and 95 more unknown fields',
         }, errors)
         assert.same({ 'types.lua:1: valvec32 "s": and 1 more unknown fields in "test"' },
            { errors_of('valvec32 { name = "s", type = "int", test = { a = 1, b = 1, c = 1,'
               .. ' d = 1, e = 1, f = 1 } }')[6] })
      end)

      it("hints at a close field name and sorts the rest", function()
         assert.same({
            'types.lua:1: valvec32 "s": unknown field "Drop" (did you mean "drop"?)',
            'types.lua:1: valvec32 "s": unknown field "clonee" (did you mean "clone"?)',
            'types.lua:1: valvec32 "s": unknown field "colour"',
            'types.lua:1: valvec32 "s": unknown field "incldes" (did you mean "includes"?)',
            'types.lua:1: valvec32 "s": unknown field [1]',
         }, errors_of('valvec32 { "x", name = "s", type = "int", clonee = 1, Drop = 1,'
            .. ' colour = 1, incldes = {} }'))
      end)
   end)

   describe("output", function()
      for _, path in ipairs { "generated", "a/b", "./gen", ".", "a/../b" } do
         it(("accepts %q"):format(path), function()
            local result = assert_valid(('output %q\nvalvec32 { name = "a", type = "int" }')
               :format(path))
            assert.equal(path, result.output)
         end)
      end

      local cases = {
         { '""', 'output must not be empty' },
         { '"/tmp/x"', 'output must be a relative path (use -o for a directory elsewhere),'
            .. ' got "/tmp/x"' },
         { '"../x"', 'output must stay inside the spec\'s directory, got "../x"' },
         { '"a/../../x"', 'output must stay inside the spec\'s directory, got "a/../../x"' },
         { '"a\\0b"', 'output must not contain NUL, got "a\\x00b"' },
         { '"a\\nb"', 'output must not contain control characters, got "a\\x0Ab"' },
         { '"a\\\\b"', 'output must use "/" as the separator, got "a\\\\b"' },
         { '"a\\255"', 'output is not valid UTF-8, got "a\\xFF"' },
         { '(3)', 'output must be a string, got number' },
         { '("a", "b")', 'output expects one string, got 2 arguments' },
      }
      for _, case in ipairs(cases) do
         it("rejects output " .. case[1], function()
            assert.same({ "types.lua:1: " .. case[2] },
               errors_of("output " .. case[1] .. '\nvalvec32 { name = "a", type = "int" }'))
         end)
      end

      it("may be called once", function()
         assert.same({ "types.lua:3: output called more than once (first at line 1)" },
            errors_of('output "a"\nvalvec32 { name = "a", type = "int" }\noutput "a"'))
      end)
   end)

   describe("the whole spec", function()
      it("needs at least one type", function()
         assert.same({ "types.lua:1: spec declares no types (add valvec32 { name = ..., type"
            .. " = ... })" }, errors_of('output "gen"'))
      end)

      it("needs a table per valvec32 call", function()
         assert.same({
            "types.lua:1: valvec32 expects one table { name = ..., type = ... }, got string",
            "types.lua:2: valvec32 expects one table { name = ..., type = ... }, got 0 arguments",
         }, errors_of('valvec32 "x"\nvalvec32()'))
      end)

      it("reports every error in spec order", function()
         assert.same({
            'types.lua:2: valvec32 "1x": field "name" must be a letter followed by letters,'
               .. ' digits and "_", got "1x"',
            'types.lua:3: output must be a relative path (use -o for a directory elsewhere),'
               .. ' got "/x"',
            'types.lua:4: valvec32 "b": field "type" is required',
            'types.lua:4: valvec32 "b": field "clone" must be a C identifier, got "1"',
            'types.lua:4: valvec32 "b": field "test.sample" is required for a managed type'
               .. ' (one with clone or drop)',
            'types.lua:5: valvec32 "a": duplicate name, first declared at line 1',
         }, errors_of(declare("a", "1x") .. '\noutput "/x"\nvalvec32 { name = "b", clone = "1" }\n'
            .. declare("a")))
      end)
   end)
end)
