-- vv32.write: atomic writes, unchanged files left alone, the manifest and stale files,
-- the --check diff, the depfile, and failures that leave the old outputs intact.
local helpers = require "gen_helpers"
local lfs = require "lfs"
local write = require "vv32.write"

local MANIFEST = ".vv32gen-types.manifest"
local SPEC_LINE = "# spec: ./types.lua\n"   -- the manifest's first line for dir/types.lua

local function files(list)
   local out = {}
   for i = 1, #list, 2 do out[#out + 1] = { name = list[i], content = list[i + 1] } end
   return out
end

-- Plans and applies list (name, content, ...) in dir for the spec dir/spec_name
-- (types.lua unless given).
local function plan(dir, list, spec_name)
   return write.plan(dir, files(list), dir .. "/" .. (spec_name or "types.lua"))
end

local function apply(dir, list, spec_name)
   return assert(write.apply(assert(plan(dir, list, spec_name))))
end

describe("vv32.write", function()
   local dir
   before_each(function() dir = helpers.tmpdir() end)
   after_each(function() helpers.rmtree(dir) end)

   it("names the manifest after the spec", function()
      assert.equal(".vv32gen-types.manifest", write.manifest_name("a/b/types.lua"))
      assert.equal(".vv32gen-x.y.manifest", write.manifest_name("x.y.lua"))
      assert.equal(".vv32gen-spec.manifest", write.manifest_name("spec"))
   end)

   describe("apply", function()
      it("creates the directory and writes files and manifest", function()
         local out = dir .. "/a/b"
         local actions = apply(out, { "valvec32_x.h", "h\n", "valvec32_x.c", "c\n" })
         assert.same({
            { path = out .. "/valvec32_x.h", action = "written" },
            { path = out .. "/valvec32_x.c", action = "written" },
            { path = out .. "/" .. MANIFEST, action = "written" },
         }, actions)
         assert.same({ [MANIFEST] = SPEC_LINE .. "valvec32_x.h\nvalvec32_x.c\n",
            ["valvec32_x.h"] = "h\n", ["valvec32_x.c"] = "c\n" }, helpers.contents(out))
      end)

      it("leaves unchanged files and their mtimes alone", function()
         apply(dir, { "valvec32_x.h", "h\n", "valvec32_x.c", "c\n" })
         local old = os.time() - 3600
         for _, name in ipairs { "valvec32_x.h", "valvec32_x.c", MANIFEST } do
            assert(lfs.touch(dir .. "/" .. name, old, old))
         end
         local actions = apply(dir, { "valvec32_x.h", "h\n", "valvec32_x.c", "c2\n" })
         assert.same({ "unchanged", "written", "unchanged" },
            { actions[1].action, actions[2].action, actions[3].action })
         assert.equal(old, lfs.attributes(dir .. "/valvec32_x.h", "modification"))
         assert.equal(old, lfs.attributes(dir .. "/" .. MANIFEST, "modification"))
         assert.is_true(lfs.attributes(dir .. "/valvec32_x.c", "modification") > old)
      end)

      it("removes what this spec no longer makes, and only that", function()
         apply(dir, { "valvec32_common.h", "common\n", "valvec32_a.h", "a\n", "valvec32_b.h", "b\n",
            "test_valvec32_b.c", "tb\n" })
         helpers.write(dir .. "/valvec32_foo.h", "foreign\n")
         helpers.write(dir .. "/notes.txt", "mine\n")
         local actions = apply(dir, { "valvec32_common.h", "common\n", "valvec32_a.h", "a\n" })
         assert.same({
            { path = dir .. "/valvec32_common.h", action = "unchanged" },
            { path = dir .. "/valvec32_a.h", action = "unchanged" },
            { path = dir .. "/valvec32_b.h", action = "removed" },
            { path = dir .. "/test_valvec32_b.c", action = "removed" },
            { path = dir .. "/" .. MANIFEST, action = "written" },
         }, actions)
         assert.same({ MANIFEST, "notes.txt", "valvec32_a.h", "valvec32_common.h",
            "valvec32_foo.h" }, helpers.list(dir))
      end)

      it("spares files another spec's manifest lists, the shared runtime too", function()
         local one, two = ".vv32gen-one.manifest", ".vv32gen-two.manifest"
         apply(dir, { "valvec32_common.h", "common\n", "valvec32_a.h", "a\n" }, "one.lua")
         apply(dir, { "valvec32_common.h", "common\n", "valvec32_b.h", "b\n" }, "two.lua")
         -- A hand-edited manifest claims the other spec's file: it is still spared.
         helpers.write(dir .. "/" .. one, "valvec32_common.h\nvalvec32_a.h\nvalvec32_b.h\n")
         apply(dir, { "valvec32_x.h", "x\n" }, "one.lua")
         assert.same({ one, two, "valvec32_b.h",
            "valvec32_common.h", "valvec32_x.h" }, helpers.list(dir))
      end)

      it("removes the shared runtime when no other manifest lists it", function()
         apply(dir, { "valvec32_common.h", "common\n" })
         helpers.write(dir .. "/" .. MANIFEST, "valvec32_common.h\n")
         apply(dir, { "valvec32_x.h", "x\n" })
         assert.same({ MANIFEST, "valvec32_x.h" }, helpers.list(dir))
      end)

      it("never deletes a name it would not make, whatever the manifest says", function()
         assert(lfs.mkdir(dir .. "/sub"))
         for _, name in ipairs { "keep.c", "README", "valvec32_a.txt", "sub/valvec32_a.h",
            "valvec32__x.h", "test_valvec32_a.h" } do
            helpers.write(dir .. "/" .. name, "precious\n")
         end
         helpers.write(dir .. "/" .. MANIFEST, "keep.c\nREADME\nvalvec32_a.txt\nsub/valvec32_a.h\n"
            .. "../valvec32_a.h\nvalvec32__x.h\ntest_valvec32_a.h\nsub\n" .. MANIFEST .. "\n")
         apply(dir, { "valvec32_x.h", "x\n" })
         for _, name in ipairs { "keep.c", "README", "valvec32_a.txt", "sub/valvec32_a.h",
            "valvec32__x.h", "test_valvec32_a.h" } do
            assert.equal("precious\n", helpers.read(dir .. "/" .. name))
         end
      end)

      it("leaves no temp file and the old outputs intact when a write fails", function()
         apply(dir, { "valvec32_a.h", "old a\n", "valvec32_b.h", "old b\n" })
         local real_open = io.open
         io.open = function(path, mode)   -- luacheck: ignore 122
            if mode == "wb" and path:find("valvec32_b%.h%.%x+%.tmp$") then
               local file = assert(real_open(path, mode))
               return setmetatable({}, { __index = {
                  write = function() return nil, "No space left on device" end,
                  close = function() return file:close() end,
               } })
            end
            return real_open(path, mode)
         end
         local new = assert(plan(dir, { "valvec32_a.h", "new a\n", "valvec32_b.h", "new b\n",
            "valvec32_c.h", "new c\n" }))
         local ok, result, message = pcall(write.apply, new)
         io.open = real_open   -- luacheck: ignore 122
         assert.is_true(ok)
         assert.is_nil(result)
         assert.equal("cannot write " .. dir .. "/valvec32_b.h: No space left on device", message)
         assert.same({ [MANIFEST] = SPEC_LINE .. "valvec32_a.h\nvalvec32_b.h\n",
            ["valvec32_a.h"] = "old a\n", ["valvec32_b.h"] = "old b\n" }, helpers.contents(dir))
      end)

      it("removes the directories it made when the first write fails", function()
         local long = "valvec32_" .. ("a"):rep(300) .. ".h"   -- too long for a file name
         local result, message = write.apply(assert(plan(dir .. "/a/b", { long, "a\n" })))
         assert.is_nil(result)
         assert.equal(("cannot write %s/a/b/%s: File name too long"):format(dir, long), message)
         assert.same({}, helpers.list(dir))
      end)

      it("reports a directory it cannot create", function()
         helpers.write(dir .. "/file", "")
         local result, message = write.apply(assert(plan(dir .. "/file/out",
            { "valvec32_a.h", "a\n" })))
         assert.is_nil(result)
         assert.equal(("cannot create directory %s/file/out: %s/file is not a directory")
            :format(dir, dir), message)
      end)

      it("reports an unwritable directory", function()
         if helpers.RUNNING_AS_ROOT then
            pending("running as root: permissions do not stop root from writing")
            return
         end
         helpers.chmod(dir, "555")
         finally(function() helpers.chmod(dir, "755") end)
         local result, message = write.apply(assert(plan(dir, { "valvec32_a.h", "a\n" })))
         assert.is_nil(result)
         assert.equal("cannot write " .. dir .. "/valvec32_a.h: Permission denied", message)
         assert.same({}, helpers.list(dir))
      end)
   end)

   describe("plan", function()
      it("records the spec relative to the output directory", function()
         assert.equal("# spec: ./types.lua\nvalvec32_a.h\n",
            assert(plan(dir, { "valvec32_a.h", "a\n" })).manifest.content)
         local nested = assert(write.plan(dir .. "/gen/c", files { "valvec32_a.h", "a\n" },
            dir .. "/lib/t.lua"))
         assert.equal("# spec: ../../lib/t.lua\nvalvec32_a.h\n", nested.manifest.content)
      end)

      it("refuses the manifest of another spec of the same name", function()
         apply(dir, { "valvec32_a.h", "a\n" })
         helpers.write(dir .. "/" .. MANIFEST, "# spec: ../elsewhere/types.lua\nvalvec32_a.h\n")
         local result, message = helpers.in_dir(dir, function()
            return plan(dir, { "valvec32_a.h", "a\n" })
         end)
         assert.is_nil(result)
         assert.equal(("%s/%s belongs to the spec ../elsewhere/types.lua, not to %s/types.lua:"
            .. " give the two specs different names or output directories"):format(dir, MANIFEST,
            dir), message)
      end)

      it("reports an output that is not a regular file", function()
         assert(lfs.mkdir(dir .. "/valvec32_a.h"))
         local result, message = plan(dir, { "valvec32_a.h", "a\n" })
         assert.is_nil(result)
         assert.equal("cannot read " .. dir .. "/valvec32_a.h: not a regular file", message)
      end)
   end)

   describe("diff", function()
      it("is empty when everything is fresh", function()
         apply(dir, { "valvec32_a.h", "a\n" })
         assert.equal("", write.diff(assert(plan(dir, { "valvec32_a.h", "a\n" }))))
      end)

      it("shows missing files from /dev/null, changed files and stale files", function()
         apply(dir, { "valvec32_a.h", "1\n2\n3\n", "valvec32_old.h", "old\n" })
         local new = assert(plan(dir, { "valvec32_a.h", "1\nTWO\n3\n", "valvec32_new.h",
            "new\n" }))
         local shown = dir
         assert.equal(table.concat({
            "--- a/" .. shown .. "/valvec32_a.h",
            "+++ b/" .. shown .. "/valvec32_a.h",
            "@@ -1,3 +1,3 @@",
            " 1",
            "-2",
            "+TWO",
            " 3",
            "--- /dev/null",
            "+++ b/" .. shown .. "/valvec32_new.h",
            "@@ -0,0 +1 @@",
            "+new",
            "--- a/" .. shown .. "/" .. MANIFEST,
            "+++ b/" .. shown .. "/" .. MANIFEST,
            "@@ -1,3 +1,3 @@",
            " " .. SPEC_LINE:sub(1, -2),
            " valvec32_a.h",
            "-valvec32_old.h",
            "+valvec32_new.h",
            "--- a/" .. shown .. "/valvec32_old.h",
            "+++ /dev/null",
            "@@ -1 +0,0 @@",
            "-old",
            "",
         }, "\n"), write.diff(new))
      end)
   end)

   describe("unified_diff", function()
      local function numbered(from, to, replace)
         local lines = {}
         for i = from, to do lines[#lines + 1] = (replace and replace[i]) or tostring(i) end
         return table.concat(lines, "\n") .. "\n"
      end

      it("keeps 3 lines of context and splits distant hunks", function()
         local new = numbered(1, 30, { [5] = "five", [25] = "x" })
         local diff = write.unified_diff(numbered(1, 30), new, "a/f", "b/f")
         assert.equal(table.concat({ "--- a/f", "+++ b/f", "@@ -2,7 +2,7 @@", " 2", " 3", " 4",
            "-5", "+five", " 6", " 7", " 8", "@@ -22,7 +22,7 @@", " 22", " 23", " 24", "-25", "+x",
            " 26", " 27", " 28", "" }, "\n"), diff)
      end)

      it("joins hunks whose context touches", function()
         local new = numbered(1, 20, { [5] = "a", [11] = "b" })
         local diff = write.unified_diff(numbered(1, 20), new, "a/f", "b/f")
         assert.equal(1, select(2, diff:gsub("\n@@", "")))
         assert.truthy(diff:find("@@ -2,13 +2,13 @@", 1, true))
      end)

      it("marks a missing final newline", function()
         assert.equal("--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n",
            write.unified_diff("x", "x\n", "a/f", "b/f"))
      end)

      it("is empty for equal texts", function()
         assert.equal("", write.unified_diff("a\n", "a\n", "a/f", "b/f"))
      end)

      it("produces patches that patch(1) applies", function()
         math.randomseed(42)
         local words = { "a", "b", "c", "d", "e" }
         local function random_text()
            local lines = {}
            for i = 1, math.random(0, 30) do lines[i] = words[math.random(#words)] end
            return table.concat(lines, "\n") .. (math.random(3) == 1 and "" or "\n")
         end
         for _ = 1, 15 do
            local old, new = random_text(), random_text()
            if old ~= new then
               helpers.write(dir .. "/f", old)
               helpers.write(dir .. "/p", write.unified_diff(old, new, "a/f", "b/f"))
               assert.is_true(os.execute(("cd %s && patch -s -p1 f < p >/dev/null 2>&1")
                  :format(helpers.shell_quote(dir))))
               assert.equal(new, helpers.read(dir .. "/f"))
            end
         end
      end)

      it("stays correct past the edit budget by replacing a block", function()
         local old, new = {}, {}
         for i = 1, 1500 do old[i], new[i] = "o" .. i, "n" .. i end
         old = "same\n" .. table.concat(old, "\n") .. "\nend\n"
         new = "same\n" .. table.concat(new, "\n") .. "\nend\n"
         helpers.write(dir .. "/f", old)
         helpers.write(dir .. "/p", write.unified_diff(old, new, "a/f", "b/f"))
         local command = ("cd %s && patch -s -p1 f < p"):format(helpers.shell_quote(dir))
         assert.is_true(os.execute(command))
         assert.equal(new, helpers.read(dir .. "/f"))
      end)
   end)

   describe("depfile", function()
      it("lists targets and prerequisites, escaped, with phony prerequisites", function()
         assert(write.depfile(dir .. "/deps.d", { "out/valvec32_a.h", "out dir/x.c" },
            { "a:b/types.lua", "templates/a#b.tpl", "gen/$x.lua" }))
         assert.equal(table.concat({
            "out/valvec32_a.h \\",
            "out\\ dir/x.c: \\",
            "  a\\:b/types.lua \\",
            "  templates/a\\#b.tpl \\",
            "  gen/$$x.lua",
            "",
            "a\\:b/types.lua:",
            "",
            "templates/a\\#b.tpl:",
            "",
            "gen/$$x.lua:",
            "",
         }, "\n"), helpers.read(dir .. "/deps.d"))
      end)

      it("keeps its mtime when unchanged", function()
         assert(write.depfile(dir .. "/deps.d", { "a" }, { "b" }))
         local old = os.time() - 3600
         assert(lfs.touch(dir .. "/deps.d", old, old))
         assert(write.depfile(dir .. "/deps.d", { "a" }, { "b" }))
         assert.equal(old, lfs.attributes(dir .. "/deps.d", "modification"))
      end)

      it("reports a path it cannot write", function()
         local ok, message = write.depfile(dir .. "/missing/deps.d", { "a" }, { "b" })
         assert.is_nil(ok)
         assert.equal("cannot write " .. dir .. "/missing/deps.d: No such file or directory",
            message)
      end)
   end)
end)
