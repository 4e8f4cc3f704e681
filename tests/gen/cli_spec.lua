-- vv32.cli and gen/vv32gen: options, exit codes, exact messages; in-process (cli.main)
-- and, for exit codes and the real limits, through the real script.
local helpers = require "gen_helpers"
local lfs = require "lfs"

local BAD = helpers.FIXTURES .. "/bad"
local TEST_LIMITS = { instructions = 2000000, memory = 32 * 1024 * 1024 }

local ALL_OUTPUTS = { "valvec32_common.h", "valvec32_common.c", "valvec32_i32.h", "valvec32_i32.c",
   "test_valvec32_i32.c", "valvec32_str.h", "valvec32_str.c", "test_valvec32_str.c" }

-- A fixture's expectations, from its header: "-- exit: N" and "-- stderr: line" lines.
local function expectations(path)
   local code, lines = nil, {}
   for line in io.lines(path) do
      code = code or tonumber(line:match("^%-%- exit: (%d+)$"))
      local err = line:match("^%-%- stderr: (.*)$")
      if err then lines[#lines + 1] = err end
   end
   return code, table.concat(lines, "\n") .. "\n"
end

local function bad_fixtures()
   local names = {}
   for entry in lfs.dir(BAD) do
      if entry:match("%.lua$") then names[#names + 1] = entry end
   end
   table.sort(names)
   return names
end

describe("vv32gen", function()
   local dir
   before_each(function() dir = helpers.tmpdir() end)
   after_each(function() helpers.rmtree(dir) end)

   describe("bad specs", function()
      local names = bad_fixtures()

      it("has at least 35 fixtures, each with its expectations", function()
         assert.is_true(#names >= 35)
         for _, name in ipairs(names) do
            local code, stderr = expectations(BAD .. "/" .. name)
            assert.is_number(code, name)
            assert.is_true(#stderr > 1, name)
         end
      end)

      for _, name in ipairs(names) do
         it(name .. " fails with its exact message and writes nothing", function()
            local expected_code, expected_stderr = expectations(BAD .. "/" .. name)
            local code, stdout, stderr = helpers.in_dir(BAD, function()
               return helpers.run({ "-o", dir .. "/out", name }, { limits = TEST_LIMITS })
            end)
            assert.equal(expected_stderr, stderr)
            assert.equal(expected_code, code)
            assert.equal("", stdout)
            assert.is_false(helpers.exists(dir .. "/out"))
         end)
      end

      it("fails the same through the real script", function()
         for _, name in ipairs { "syntax_error.lua", "escape_os_execute.lua", "many_errors.lua" } do
            local expected_code, expected_stderr = expectations(BAD .. "/" .. name)
            local code, stdout, stderr = helpers.run_script(BAD, { "-o", dir .. "/out", name })
            assert.same({ expected_code, expected_stderr, "" }, { code, stderr, stdout })
         end
         assert.is_false(helpers.exists(dir .. "/out"))
         assert.is_false(helpers.exists("/tmp/vv32gen-pwned"))
      end)

      it("stops an endless loop at the real instruction limit within a few seconds", function()
         local expected_code, expected_stderr = expectations(BAD .. "/infinite_loop.lua")
         local started = os.time()
         local code, _, stderr = helpers.run_script(BAD,
            { "-o", dir .. "/out", "infinite_loop.lua" })
         assert.same({ expected_code, expected_stderr }, { code, stderr })
         assert.is_true(os.time() - started <= 6)
      end)

      it("rejects a bytecode spec", function()
         helpers.write(dir .. "/types.lua", string.dump(function() end))
         local code, _, stderr = helpers.in_dir(dir, function()
            return helpers.run({ "-o", "out", "types.lua" })
         end)
         assert.equal(1, code)
         assert.equal("types.lua:1: spec is precompiled Lua bytecode; only Lua source is"
            .. " accepted\n", stderr)
         assert.is_false(helpers.exists(dir .. "/out"))
      end)

      it("calls a missing spec an I/O error", function()
         local code, _, stderr = helpers.run({ dir .. "/missing.lua" })
         assert.equal(2, code)
         assert.equal("vv32gen: cannot open spec " .. dir .. "/missing.lua: No such file or"
            .. " directory\n", stderr)
      end)

      it("calls an unreadable spec an I/O error", function()
         if helpers.RUNNING_AS_ROOT then
            pending("running as root: chmod 000 does not stop root from reading")
            return
         end
         local spec = helpers.spec_file(dir, helpers.GOOD_SPEC)
         helpers.chmod(spec, "000")
         finally(function() helpers.chmod(spec, "644") end)
         local code, _, stderr = helpers.run({ "-o", dir .. "/out", spec })
         assert.equal(2, code)
         assert.equal("vv32gen: cannot open spec " .. spec .. ": Permission denied\n", stderr)
         assert.is_false(helpers.exists(dir .. "/out"))
      end)
   end)

   describe("options", function()
      it("prints the version", function()
         assert.same({ 0, "vv32gen 0.1.0\n", "" }, { helpers.run({ "--version" }) })
      end)

      it("prints help listing every option", function()
         local code, stdout, stderr = helpers.run({ "-h" })
         assert.same({ 0, "" }, { code, stderr })
         assert.equal("Usage: vv32gen [options] SPEC\n", stdout:match("^[^\n]*\n"))
         for _, option in ipairs { "-o, --output DIR", "--check", "--list-outputs",
            "--depfile FILE", "--no-tests", "-q, --quiet", "-v, --verbose", "-h, --help",
            "--version" } do
            assert.truthy(stdout:find("\n  " .. option, 1, true), option)
         end
         assert.equal(stdout, select(2, helpers.run({ "--help" })))
      end)

      local usage_cases = {
         { {}, "missing argument 'SPEC'" },
         { { "--frobnicate", "types.lua" }, "unknown option '--frobnicate'" },
         { { "types.lua", "more.lua" }, "too many arguments" },
         { { "-o" }, "option '-o' requires an argument" },
         { { "-o", "a", "-o", "b", "types.lua" }, "option '-o' must be used at most 1 time" },
         { { "-q", "-v", "types.lua" }, "option '-v' can not be used together with option '-q'" },
         { { "--check", "--list-outputs", "types.lua" },
            "option '--list-outputs' can not be used together with option '--check'" },
         { { "--check", "--depfile", "d", "types.lua" },
            "option '--depfile' can not be used together with option '--check'" },
         { { "-o", "", "types.lua" }, "option '-o' needs a directory, not ''" },
         { { "--output=", "types.lua" }, "option '-o' needs a directory, not ''" },
         { { "--depfile", "", "types.lua" }, "option '--depfile' needs a file, not ''" },
      }
      for _, case in ipairs(usage_cases) do
         it("calls " .. table.concat(case[1], " ") .. " a usage error", function()
            local code, stdout, stderr = helpers.run(case[1])
            assert.same({ 2, "", "vv32gen: " .. case[2] .. "\nTry 'vv32gen --help'.\n" },
               { code, stdout, stderr })
         end)
      end
   end)

   describe("writing", function()
      local spec
      before_each(function() spec = helpers.spec_file(dir, helpers.GOOD_SPEC) end)

      it("writes beside the spec by default, silently", function()
         assert.same({ 0, "", "" }, { helpers.run({ spec }) })
         local expected = { ".vv32gen-types.manifest", "types.lua", table.unpack(ALL_OUTPUTS) }
         table.sort(expected)
         assert.same(expected, helpers.list(dir))
         assert.equal("# spec: ./types.lua\n" .. table.concat(ALL_OUTPUTS, "\n") .. "\n",
            helpers.read(dir .. "/.vv32gen-types.manifest"))
      end)

      it("writes to the spec's output, relative to the spec, from any directory", function()
         helpers.write(spec, 'output "gen/c"\n' .. helpers.GOOD_SPEC)
         assert(lfs.mkdir(dir .. "/elsewhere"))
         local code = helpers.in_dir(dir .. "/elsewhere", function()
            return helpers.run({ "../types.lua" })
         end)
         assert.equal(0, code)
         assert.equal(9, #helpers.list(dir .. "/gen/c"))
         assert.same({}, helpers.list(dir .. "/elsewhere"))
      end)

      it("lets -o override the spec's output", function()
         helpers.write(spec, 'output "gen"\n' .. helpers.GOOD_SPEC)
         assert.equal(0, (helpers.run({ "-o", dir .. "/o", spec })))
         assert.equal(9, #helpers.list(dir .. "/o"))
         assert.is_false(helpers.exists(dir .. "/gen"))
      end)

      it("leaves out the test suites with --no-tests", function()
         assert.equal(0, (helpers.run({ "--no-tests", "-o", dir .. "/o", spec })))
         assert.same({ ".vv32gen-types.manifest", "valvec32_common.c", "valvec32_common.h",
            "valvec32_i32.c", "valvec32_i32.h", "valvec32_str.c", "valvec32_str.h" },
            helpers.list(dir .. "/o"))
      end)

      it("prints one line per file with -v, and nothing with -q", function()
         local code, stdout, stderr = helpers.run({ "-v", "-o", dir .. "/o", spec })
         local lines = {}
         for _, name in ipairs(ALL_OUTPUTS) do
            lines[#lines + 1] = "wrote " .. dir .. "/o/" .. name
         end
         lines[#lines + 1] = "wrote " .. dir .. "/o/.vv32gen-types.manifest"
         assert.same({ 0, table.concat(lines, "\n") .. "\n", "" }, { code, stdout, stderr })
         stdout = select(2, helpers.run({ "-v", "-o", dir .. "/o", spec }))
         assert.equal((table.concat(lines, "\n") .. "\n"):gsub("wrote ", "unchanged "), stdout)
         assert.same({ 0, "", "" }, { helpers.run({ "-q", "-o", dir .. "/o", spec }) })
      end)

      it("keeps mtimes on a second run", function()
         assert.equal(0, (helpers.run({ "-o", dir .. "/o", spec })))
         local old = os.time() - 7200
         for _, name in ipairs(helpers.list(dir .. "/o")) do
            assert(lfs.touch(dir .. "/o/" .. name, old, old))
         end
         assert.equal(0, (helpers.run({ "-o", dir .. "/o", spec })))
         for _, name in ipairs(helpers.list(dir .. "/o")) do
            assert.equal(old, lfs.attributes(dir .. "/o/" .. name, "modification"), name)
         end
      end)

      it("removes a dropped type's files, sparing foreign files and other specs' files", function()
         local other = helpers.spec_file(dir, 'valvec32 { name = "u8", type = "unsigned char" }',
            "other.lua")
         assert.equal(0, (helpers.run({ "-o", dir .. "/o", spec })))
         assert.equal(0, (helpers.run({ "-o", dir .. "/o", other })))
         helpers.write(dir .. "/o/valvec32_foo.h", "/* hand-written */\n")
         helpers.write(spec, 'valvec32 { name = "i32", type = "int32_t" }')
         local code, stdout = helpers.run({ "-v", "-o", dir .. "/o", spec })
         assert.equal(0, code)
         assert.truthy(stdout:find("removed " .. dir .. "/o/valvec32_str.h\n", 1, true))
         assert.same({ ".vv32gen-other.manifest", ".vv32gen-types.manifest", "test_valvec32_i32.c",
            "test_valvec32_u8.c", "valvec32_common.c", "valvec32_common.h", "valvec32_foo.h",
            "valvec32_i32.c", "valvec32_i32.h", "valvec32_u8.c", "valvec32_u8.h" },
            helpers.list(dir .. "/o"))
      end)

      it("leaves no output directory behind for a name too long to write", function()
         -- valvec32_<300 letters>.h is too long a file name for any file system: whether
         -- validate or the first write stops it, no directory may be left (write_spec
         -- tests the write).
         helpers.write(spec, ('valvec32 { name = "%s", type = "int" }'):format(("a"):rep(300)))
         local code = helpers.run({ "-o", dir .. "/out/sub", spec })
         assert.is_true(code == 1 or code == 2)
         assert.same({ "types.lua" }, helpers.list(dir))
      end)

      it("calls an output directory it cannot create an I/O error, writing nothing", function()
         helpers.write(dir .. "/file", "")
         local code, stdout, stderr = helpers.run({ "-o", dir .. "/file/out", spec })
         assert.same({ 2, "", ("vv32gen: cannot create directory %s/file/out: %s/file is not a"
            .. " directory\n"):format(dir, dir) }, { code, stdout, stderr })
      end)

      it("calls an unwritable output directory an I/O error, leaving no temp file", function()
         if helpers.RUNNING_AS_ROOT then
            pending("running as root: permissions do not stop root from writing")
            return
         end
         assert(lfs.mkdir(dir .. "/ro"))
         helpers.chmod(dir .. "/ro", "555")
         finally(function() helpers.chmod(dir .. "/ro", "755") end)
         local code, _, stderr = helpers.run({ "-o", dir .. "/ro", spec })
         assert.equal(2, code)
         assert.equal("vv32gen: cannot write " .. dir .. "/ro/valvec32_common.h: Permission"
            .. " denied\n", stderr)
         assert.same({}, helpers.list(dir .. "/ro"))
      end)

      it("calls missing templates an I/O error", function()
         local code, _, stderr = helpers.run({ "-o", dir .. "/o", spec },
            { templates = dir .. "/none" })
         assert.equal(2, code)
         assert.equal("vv32gen: cannot read template " .. dir .. "/none/valvec32_common.h.tpl: No"
            .. " such file or directory\n", stderr)
         assert.is_false(helpers.exists(dir .. "/o"))
      end)

      it("produces the same bytes from different working directories", function()
         assert(lfs.mkdir(dir .. "/a"))
         assert(lfs.mkdir(dir .. "/a/b"))
         assert.equal(0, (helpers.run_script(dir, { "-o", "one", "types.lua" })))
         assert.equal(0,
            (helpers.run_script(dir .. "/a/b", { "-o", "../../two", "../../types.lua" })))
         assert.same(helpers.contents(dir .. "/one"), helpers.contents(dir .. "/two"))
         assert.equal(9, #helpers.list(dir .. "/one"))
      end)

      it("exits 0 through the real script and prints nothing", function()
         assert.same({ 0, "", "" }, { helpers.run_script(dir, { "types.lua" }) })
      end)
   end)

   describe("the output directory of another spec or of hand-written files", function()
      local X, Y = 'valvec32 { name = "x", type = "int" }', 'valvec32 { name = "y", type = "int" }'

      -- Runs vv32gen in dir with argv; returns code, stdout, stderr.
      local function run(...)
         local argv = { ... }
         return helpers.in_dir(dir, function() return helpers.run(argv) end)
      end

      local function make_libs()
         assert(lfs.mkdir(dir .. "/lib1"))
         assert(lfs.mkdir(dir .. "/lib2"))
         helpers.spec_file(dir .. "/lib1", X)
         helpers.spec_file(dir .. "/lib2", Y)
      end

      it("refuses a manifest of the same name that another spec wrote", function()
         make_libs()
         assert.same({ 0, "", "" }, { run("lib1/types.lua", "-o", "gen") })
         local before = helpers.contents(dir .. "/gen")
         assert.equal("# spec: ../lib1/types.lua\n", before[".vv32gen-types.manifest"]
            :match("^[^\n]*\n"))
         assert.same({ 2, "", "vv32gen: gen/.vv32gen-types.manifest belongs to the spec"
            .. " lib1/types.lua, not to lib2/types.lua: give the two specs different names or"
            .. " output directories\n" }, { run("-v", "lib2/types.lua", "-o", "gen") })
         assert.same(before, helpers.contents(dir .. "/gen"))
         assert.same({ 0, "", "" }, { run("--check", "lib1/types.lua", "-o", "gen") })
      end)

      it("tells a spec named a from one named a.lua", function()
         helpers.spec_file(dir, X, "a.lua")
         helpers.spec_file(dir, Y, "a")
         assert.equal(0, (run("a.lua", "-o", "gen")))
         local before = helpers.contents(dir .. "/gen")
         local code, _, stderr = run("a", "-o", "gen")
         assert.equal(2, code)
         assert.equal("vv32gen: gen/.vv32gen-a.manifest belongs to the spec a.lua, not to a: give"
            .. " the two specs different names or output directories\n", stderr)
         assert.same(before, helpers.contents(dir .. "/gen"))
      end)

      it("knows its manifest from any directory, through symlinks, and after a move", function()
         make_libs()
         assert.equal(0, (run("lib1/types.lua", "-o", "gen")))
         assert(os.execute(("ln -s lib1 %s/link"):format(helpers.shell_quote(dir))))
         assert.same({ 0, "", "" }, { run("link/../lib1/./types.lua", "-o", "gen/") })
         assert.same({ 0, "", "" }, { run("--check", dir .. "/link/types.lua", "-o",
            dir .. "/gen") })
         assert.same({ 0, "", "" }, { helpers.in_dir(dir .. "/gen", function()
            return helpers.run({ "-o", ".", "../lib1/types.lua" })
         end) })
         -- The whole project moves: the manifest's ../lib1/types.lua still names the spec.
         assert(lfs.mkdir(dir .. "/moved"))
         for _, name in ipairs { "lib1", "gen" } do
            assert(os.rename(dir .. "/" .. name, dir .. "/moved/" .. name))
         end
         helpers.write(dir .. "/moved/lib1/types.lua", Y)
         local code, stdout = helpers.in_dir(dir .. "/moved", function()
            return helpers.run({ "-v", "lib1/types.lua", "-o", "gen" })
         end)
         assert.equal(0, code)
         assert.truthy(stdout:find("removed gen/valvec32_x.h\n", 1, true), stdout)
      end)

      it("takes a manifest without a spec line for its own, and adds the line", function()
         make_libs()
         assert.equal(0, (run("lib1/types.lua", "-o", "gen")))
         local manifest = dir .. "/gen/.vv32gen-types.manifest"
         local names = helpers.read(manifest):gsub("^[^\n]*\n", "")
         helpers.write(manifest, names)
         helpers.write(dir .. "/lib1/types.lua", X .. "\n" .. Y)
         assert.same({ 0, "", "" }, { run("lib1/types.lua", "-o", "gen") })
         assert.equal("# spec: ../lib1/types.lua\n", helpers.read(manifest):match("^[^\n]*\n"))
         assert.is_true(helpers.exists(dir .. "/gen/valvec32_y.h"))
      end)

      it("refuses to overwrite a file that no manifest lists", function()
         helpers.spec_file(dir, X)
         assert(lfs.mkdir(dir .. "/gen"))
         helpers.write(dir .. "/gen/valvec32_x.c", "/* mine */\n")
         assert.same({ 2, "", "vv32gen: gen/valvec32_x.c exists and no vv32gen manifest beside"
            .. " it lists it: vv32gen does not overwrite a file it did not write (move it away to"
            .. " generate it)\n" }, { run("types.lua", "-o", "gen") })
         assert.same({ ["valvec32_x.c"] = "/* mine */\n" }, helpers.contents(dir .. "/gen"))
         assert.equal(2, (run("--check", "types.lua", "-o", "gen")))
      end)

      it("adopts unlisted files that already hold its bytes (a lost manifest)", function()
         helpers.spec_file(dir, X)
         assert.equal(0, (run("types.lua", "-o", "gen")))
         local before = helpers.contents(dir .. "/gen")
         os.remove(dir .. "/gen/.vv32gen-types.manifest")
         assert.same({ 0, "", "" }, { run("types.lua", "-o", "gen") })
         assert.same(before, helpers.contents(dir .. "/gen"))
      end)

      it("refuses a type another spec in the directory declares", function()
         helpers.spec_file(dir, X, "a.lua")
         helpers.spec_file(dir, X .. "\n" .. Y, "b.lua")
         assert.equal(0, (run("a.lua", "-o", "gen")))
         local before = helpers.contents(dir .. "/gen")
         assert.same({ 2, "", "vv32gen: gen/valvec32_x.h belongs to the spec a.lua"
            .. " (gen/.vv32gen-a.manifest lists it), not to b.lua: declare each type in only one"
            .. " spec per output directory\n" }, { run("b.lua", "-o", "gen") })
         assert.same(before, helpers.contents(dir .. "/gen"))
         -- Even when the file is gone, and for a manifest from before the spec line.
         os.remove(dir .. "/gen/valvec32_x.h")
         helpers.write(dir .. "/gen/.vv32gen-a.manifest", "valvec32_x.h\n")
         assert.equal("vv32gen: gen/valvec32_x.h belongs to another spec (gen/.vv32gen-a.manifest"
            .. " lists it), not to b.lua: declare each type in only one spec per output"
            .. " directory\n", select(3, run("b.lua", "-o", "gen")))
      end)

      it("shares the runtime between specs and reruns each", function()
         helpers.spec_file(dir, X, "a.lua")
         helpers.spec_file(dir, Y, "b.lua")
         for _ = 1, 2 do
            assert.same({ 0, "", "" }, { run("a.lua", "-o", "gen") })
            assert.same({ 0, "", "" }, { run("b.lua", "-o", "gen") })
            assert.same({ 0, "", "" }, { run("--check", "a.lua", "-o", "gen") })
         end
      end)
   end)

   describe("--list-outputs", function()
      it("prints each output joined with the directory as given, writing nothing", function()
         local spec = helpers.spec_file(dir, helpers.GOOD_SPEC)
         local lines = {}
         for i, name in ipairs(ALL_OUTPUTS) do lines[i] = "out/" .. name end
         local code, stdout, stderr = helpers.in_dir(dir, function()
            return helpers.run({ "--list-outputs", "-o", "out", "types.lua" })
         end)
         assert.same({ 0, table.concat(lines, "\n") .. "\n", "" }, { code, stdout, stderr })
         assert.is_false(helpers.exists(dir .. "/out"))
         stdout = select(2, helpers.run({ "--list-outputs", "--no-tests", spec }))
         local expected = {}
         for _, name in ipairs { "valvec32_common.h", "valvec32_common.c", "valvec32_i32.h",
            "valvec32_i32.c", "valvec32_str.h", "valvec32_str.c" } do
            expected[#expected + 1] = dir .. "/" .. name .. "\n"
         end
         assert.equal(table.concat(expected), stdout)
      end)

      it("uses the spec's output beside the spec", function()
         helpers.spec_file(dir, 'output "gen"\n' .. helpers.GOOD_SPEC)
         local stdout = select(2, helpers.in_dir(dir, function()
            return helpers.run({ "--list-outputs", "types.lua" })
         end))
         assert.equal("gen/valvec32_common.h", stdout:match("^[^\n]*"))
      end)
   end)

   describe("--check", function()
      local spec
      before_each(function() spec = helpers.spec_file(dir, helpers.GOOD_SPEC) end)

      local function check(...)
         local argv = { "--check", "-o", "out", ... }
         return helpers.in_dir(dir, function() return helpers.run(argv) end)
      end

      it("is silent and exits 0 when everything is fresh", function()
         assert.equal(0, (helpers.run({ "-o", dir .. "/out", spec })))
         assert.same({ 0, "", "" }, { check("types.lua") })
      end)

      it("shows missing files from /dev/null and writes nothing", function()
         local code, stdout, stderr = check("types.lua")
         assert.equal(1, code)
         assert.equal("vv32gen: the outputs of types.lua are out of date; run vv32gen without"
            .. " --check to update them\n", stderr)
         assert.equal("--- /dev/null\n+++ b/out/valvec32_common.h\n@@ -0,0 +1,5 @@\n",
            stdout:sub(1, 58))
         local headers = {}
         for header in stdout:gmatch("%+%+%+ ([^\n]+)") do headers[#headers + 1] = header end
         assert.equal(9, #headers)
         assert.equal("b/out/.vv32gen-types.manifest", headers[9])
         assert.is_false(helpers.exists(dir .. "/out"))
      end)

      it("shows a changed file", function()
         assert.equal(0, (helpers.run({ "-o", dir .. "/out", spec })))
         local path = dir .. "/out/valvec32_i32.c"
         helpers.write(path, helpers.read(path):gsub("i32_cmp", "hand_edit"))
         local code, stdout = check("types.lua")
         assert.equal(1, code)
         assert.equal(table.concat({ "--- a/out/valvec32_i32.c", "+++ b/out/valvec32_i32.c",
            "@@ -1,2 +1,2 @@", ' #include "valvec32_i32.h"', "-/* equality:  hand_edit */",
            "+/* equality:  i32_cmp */", "" }, "\n"), stdout)
         assert.equal("/* equality:  hand_edit */", helpers.read(path):match("[^\n]*\n([^\n]*)"))
      end)

      it("shows stale files", function()
         assert.equal(0, (helpers.run({ "-o", dir .. "/out", spec })))
         helpers.write(spec, 'valvec32 { name = "i32", type = "int32_t", includes = { "<stdint.h>",'
            .. ' "num.h" }, cmp = "i32_cmp" }')
         local code, stdout = check("types.lua")
         assert.equal(1, code)
         local headers = {}
         for old, new in stdout:gmatch("%-%-%- ([^\n]+)\n%+%+%+ ([^\n]+)") do
            headers[#headers + 1] = old .. " -> " .. new
         end
         assert.same({
            "a/out/.vv32gen-types.manifest -> b/out/.vv32gen-types.manifest",
            "a/out/valvec32_str.h -> /dev/null",
            "a/out/valvec32_str.c -> /dev/null",
            "a/out/test_valvec32_str.c -> /dev/null",
         }, headers)
         assert.is_true(helpers.exists(dir .. "/out/valvec32_str.h"))
      end)

      it("prints nothing with -q but still fails", function()
         assert.same({ 1, "", "" }, { check("-q", "types.lua") })
      end)

      it("exits 1 through the real script", function()
         local code, stdout = helpers.run_script(dir, { "--check", "-o", "out", "types.lua" })
         assert.equal(1, code)
         assert.equal("--- /dev/null\n", stdout:sub(1, 14))
      end)
   end)

   describe("--depfile", function()
      it("makes every output depend on the spec, the templates and the generator", function()
         local spec = helpers.spec_file(dir, helpers.GOOD_SPEC)
         local code = helpers.run({ "--depfile", dir .. "/deps.d", "-o", dir .. "/out", spec },
            { script = "/opt/vv32/gen/vv32gen" })
         assert.equal(0, code)
         local lines = {}
         for i, name in ipairs(ALL_OUTPUTS) do
            lines[i] = dir .. "/out/" .. name .. (i < #ALL_OUTPUTS and " \\" or ": \\")
         end
         local prerequisites = { spec }
         for _, file in ipairs { "valvec32_common.h.tpl", "valvec32_common.c.tpl", "valvec32.h.tpl",
            "valvec32.c.tpl", "test_valvec32.c.tpl" } do
            prerequisites[#prerequisites + 1] = helpers.TEMPLATES .. "/" .. file
         end
         prerequisites[#prerequisites + 1] = "/opt/vv32/gen/vv32gen"
         local module_dir = debug.getinfo(require("vv32.cli").main, "S").source:sub(2)
            :match("^(.*)/[^/]*$")
         for _, module in ipairs { "cli", "ctype", "model", "paths", "render", "spec", "validate",
            "write" } do
            prerequisites[#prerequisites + 1] = module_dir .. "/" .. module .. ".lua"
         end
         for i, prerequisite in ipairs(prerequisites) do
            lines[#lines + 1] = "  " .. prerequisite .. (i < #prerequisites and " \\" or "")
         end
         for _, prerequisite in ipairs(prerequisites) do
            lines[#lines + 1] = ""
            lines[#lines + 1] = prerequisite .. ":"
         end
         assert.equal(table.concat(lines, "\n") .. "\n", helpers.read(dir .. "/deps.d"))
      end)

      describe("is refused before anything is written", function()
         local spec
         before_each(function() spec = helpers.spec_file(dir, helpers.GOOD_SPEC) end)

         -- Runs vv32gen in dir with --depfile depfile; asserts that it wrote nothing. (Through
         -- the real script: in-process, the generator's modules are found relative to the
         -- directory busted started in.)
         local function refused(depfile)
            local code, stdout, stderr = helpers.run_script(dir,
               { "--depfile", depfile, "-o", "out", "types.lua" })
            assert.same({ 2, "" }, { code, stdout })
            assert.is_false(helpers.exists(dir .. "/out"))
            assert.equal(helpers.GOOD_SPEC, helpers.read(spec))
            return stderr
         end

         it("when it names the spec, an output, the manifest or a template", function()
            assert(os.execute(("ln -s . %s/link"):format(helpers.shell_quote(dir))))
            for _, case in ipairs {
               { "types.lua", "types.lua" },
               { "./types.lua", "types.lua" },
               { dir .. "/link/types.lua", "types.lua" },
               { "out/valvec32_i32.h", "out/valvec32_i32.h" },
               { "out/../out/test_valvec32_str.c", "out/test_valvec32_str.c" },
               { "out/.vv32gen-types.manifest", "out/.vv32gen-types.manifest" },
               { "out/", "out" },
               { helpers.TEMPLATES .. "/valvec32.h.tpl", helpers.TEMPLATES .. "/valvec32.h.tpl" },
            } do
               assert.equal(("vv32gen: --depfile %s is %s, which this run reads or writes\n"
                  .. "Try 'vv32gen --help'.\n"):format(case[1], case[2]), refused(case[1]))
            end
         end)

         it("when its directory is missing or not a directory, or it is a directory", function()
            assert(lfs.mkdir(dir .. "/sub"))
            for _, case in ipairs {
               { "/nonexistent/dir/x.d", "No such file or directory" },
               { "out/deeper/x.d", "No such file or directory" },
               { "types.lua/x.d", "Not a directory" },
               { "sub", "not a regular file" },
            } do
               assert.equal(("vv32gen: cannot write %s: %s\n"):format(case[1], case[2]),
                  refused(case[1]))
            end
         end)
      end)

      it("may go into the output directory that the run makes", function()
         helpers.spec_file(dir, helpers.GOOD_SPEC)
         assert.same({ 0, "", "" },
            { helpers.run_script(dir, { "--depfile", "out/types.d", "-o", "out", "types.lua" }) })
         assert.truthy(helpers.read(dir .. "/out/types.d"):find("\n  types.lua \\\n", 1, true))
      end)

      it("escapes a spec path with a space, $, # and : so that make reads it back", function()
         local weird = "my spec:$v#1"
         assert(lfs.mkdir(dir .. "/" .. weird))
         local spec = helpers.spec_file(dir .. "/" .. weird, helpers.GOOD_SPEC)
         assert.same({ 0, "", "" }, { helpers.run_script(dir,
            { "--depfile", "deps.d", "-o", "out", weird .. "/types.lua" }) })
         assert.truthy(helpers.read(dir .. "/deps.d")
            :find("\n  my\\ spec\\:$$v\\#1/types.lua \\\n", 1, true))
         helpers.write(dir .. "/Makefile", "include deps.d\nout/%:\n\t@touch $@\n")
         -- make -q: 0 when the output is up to date, 1 when it would remake it, 2 on error.
         local function make_status()
            local _, _, status = os.execute(("cd %s && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS"
               .. " make -q out/valvec32_i32.h >/dev/null 2>&1"):format(helpers.shell_quote(dir)))
            return status
         end
         local now = os.time()
         for _, name in ipairs(helpers.list(dir .. "/out")) do
            assert(lfs.touch(dir .. "/out/" .. name, now + 60, now + 60))
         end
         assert(lfs.touch(spec, now - 60, now - 60))
         assert.equal(0, make_status())
         assert(lfs.touch(spec, now + 120, now + 120))
         assert.equal(1, make_status())
      end)

      it("lists the real script's modules as given", function()
         helpers.spec_file(dir, helpers.GOOD_SPEC)
         assert.equal(0, (helpers.run_script(dir, { "--depfile", "d", "--no-tests", "types.lua" })))
         local text = helpers.read(dir .. "/d")
         assert.truthy(text:find("\n  " .. helpers.SCRIPT .. " \\\n", 1, true))
         assert.truthy(text:find("\n  " .. helpers.ROOT .. "/gen/vv32/write.lua\n", 1, true))
         assert.falsy(text:find("test_valvec32", 1, true))
      end)
   end)
end)
