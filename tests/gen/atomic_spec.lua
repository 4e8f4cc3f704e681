-- Atomic writes under real failures, through the real script (lua5.4 gen/vv32gen): an
-- output directory that cannot be written, a full disk (a small tmpfs), a file size limit
-- (ulimit -f), and runs killed mid-write (SIGXFSZ, SIGKILL at random points). Each time
-- the previous outputs stay complete, no temp file outlives the next run, and the exit
-- code and the message say what happened.
local helpers = require "gen_helpers"
local lfs = require "lfs"
local write = require "vv32.write"

local q = helpers.shell_quote
local MANIFEST = ".vv32gen-types.manifest"
local TEMP = "^%..+%.%x%x%x%x%x%x%x%x%.tmp$"   -- vv32gen's temp files
local SIGKILL, SIGXFSZ = 9, 25

-- A spec of count types t1..tcount of the C type ctype (the real templates make about
-- 100 KB per type).
local function spec_source(count, ctype)
   local parts = {}
   for i = 1, count do
      parts[i] = ('valvec32 { name = "t%d", type = "%s", includes = { "<stdint.h>" },'
         .. ' cmp = "t%d_cmp" }\n'):format(i, ctype, i)
   end
   return table.concat(parts)
end

local OLD, NEW = spec_source(2, "int32_t"), spec_source(3, "int64_t")

-- Runs `lua5.4 gen/vv32gen args` with the real templates in dir, after prelude (shell
-- commands, such as ulimit). Returns the exit status (128 + n when killed by signal n),
-- stdout and stderr.
local function run(dir, args, prelude)
   local quoted = {}
   for i, value in ipairs(args) do quoted[i] = q(value) end
   local err_path = os.tmpname()
   -- The shell's own stderr too, where it reports a child killed by a signal.
   local command = ("exec 2>%s; cd %s && %s VV32GEN_TEMPLATES=%s lua5.4 %s %s"):format(
      q(err_path), q(dir), prelude and prelude .. ";" or "", q(helpers.REAL_TEMPLATES),
      q(helpers.SCRIPT), table.concat(quoted, " "))
   local pipe = assert(io.popen(command))
   local stdout = pipe:read("a")
   local _, kind, status = pipe:close()
   local stderr = helpers.read(err_path)
   os.remove(err_path)
   return kind == "signal" and 128 + status or status, stdout, stderr
end

-- Writes source as dir/types.lua and generates it into dir/out; asserts success.
local function generate(dir, source, prelude)
   helpers.spec_file(dir, source)
   local code, _, stderr = run(dir, { "-o", "out", "types.lua" }, prelude)
   assert.equal("", stderr)
   assert.equal(0, code)
end

-- What a clean run makes of source: name -> bytes, and the names in output order.
local references = {}
local function reference(source)
   if references[source] == nil then
      local dir = helpers.tmpdir()
      generate(dir, source)
      local code, names = run(dir, { "--list-outputs", "-o", "out", "types.lua" })
      assert.equal(0, code)
      local order = {}
      for line in names:gmatch("[^\n]+") do order[#order + 1] = line:gsub("^out/", "") end
      references[source] = { files = helpers.contents(dir .. "/out"), order = order }
      helpers.rmtree(dir)
   end
   return references[source].files, references[source].order
end

local function temps_in(dir)
   local temps = {}
   for _, name in ipairs(helpers.list(dir)) do
      if name:match(TEMP) then temps[#temps + 1] = name end
   end
   return temps
end

-- The first output whose bytes differ between old and new, among those larger than
-- min_size bytes.
local function first_changed(old, new, order, min_size)
   for _, name in ipairs(order) do
      if old[name] ~= new[name] and #new[name] > (min_size or 0) then return name end
   end
end

local function try_mount_tmpfs(path, options)
   return os.execute(("mount -t tmpfs -o %s tmpfs %s 2>/dev/null"):format(options, q(path)))
      == true
end

local function unmount(path)
   assert(os.execute("umount " .. q(path)))
end

-- Bytes per `ulimit -f` block in sh (512 in dash, 1024 in bash).
local function ulimit_block(dir)
   local probe = dir .. "/probe"
   os.execute(("sh -c \"trap '' XFSZ; ulimit -f 1; printf %%04000d 0 > %s\" 2>/dev/null")
      :format(q(probe)))
   local size = lfs.attributes(probe, "size")
   os.remove(probe)
   return size
end

describe("vv32gen atomic writes", function()
   local dir, out
   before_each(function()
      dir = helpers.tmpdir()
      out = dir .. "/out"
   end)
   after_each(function() helpers.rmtree(dir) end)

   it("removes the temps a killed run left beside its outputs, and nothing else", function()
      generate(dir, OLD)
      local old = reference(OLD)
      local owned = { ".valvec32_t1.c.0badf00d.tmp", ".test_valvec32_t2.c.12345678.tmp",
         "." .. MANIFEST .. ".abcdef01.tmp", ".valvec32_gone.h.00000000.tmp" }
      local foreign = { ".notes.12345678.tmp", ".valvec32_t1.c.tmp", ".valvec32_t1.c.1234.tmp",
         "valvec32_t1.c.12345678.tmp", ".valvec32_t1.c.12345678.tmp.keep", ".README.abcdef01.tmp" }
      local expected = {}
      for name, text in pairs(old) do expected[name] = text end
      for _, name in ipairs(owned) do expected[name] = "partial" end
      for _, name in ipairs(foreign) do expected[name] = "precious\n" end
      for name, text in pairs(expected) do helpers.write(out .. "/" .. name, text) end

      -- --check writes and removes nothing, and the temps are no difference.
      assert.equal(0, (run(dir, { "--check", "-o", "out", "types.lua" })))
      assert.same(expected, helpers.contents(out))

      -- A run that has nothing to write still cleans up.
      local code, stdout, stderr = run(dir, { "-v", "-o", "out", "types.lua" })
      assert.equal(0, code)
      assert.equal("", stderr)
      assert.not_matches("wrote", stdout)
      for _, name in ipairs(owned) do expected[name] = nil end
      assert.same(expected, helpers.contents(out))
   end)

   it("removes the temp a killed run left beside the depfile", function()
      helpers.spec_file(dir, OLD)
      helpers.write(dir .. "/.deps.d.0badf00d.tmp", "partial")
      helpers.write(dir .. "/.other.d.0badf00d.tmp", "precious\n")
      assert.equal(0, (run(dir, { "--depfile", "deps.d", "-o", "out", "types.lua" })))
      assert.is_false(helpers.exists(dir .. "/.deps.d.0badf00d.tmp"))
      assert.equal("precious\n", helpers.read(dir .. "/.other.d.0badf00d.tmp"))
      -- and when the depfile is unchanged
      helpers.write(dir .. "/.deps.d.12345678.tmp", "partial")
      assert.equal(0, (run(dir, { "--depfile", "deps.d", "-o", "out", "types.lua" })))
      assert.is_false(helpers.exists(dir .. "/.deps.d.12345678.tmp"))
   end)

   it("reports a regular file where the output directory should be", function()
      helpers.spec_file(dir, OLD)
      helpers.write(out, "precious\n")
      local code, stdout, stderr = run(dir, { "-o", "out", "types.lua" })
      assert.equal(2, code)
      assert.equal("", stdout)
      assert.equal("vv32gen: cannot create directory out: out is not a directory\n", stderr)
      assert.equal("precious\n", helpers.read(out))
      assert.same({ "out", "types.lua" }, helpers.list(dir))
   end)

   it("reports an output directory it cannot write and keeps the old outputs", function()
      local old, order = reference(OLD)
      local new = reference(NEW)
      local os_error
      if helpers.RUNNING_AS_ROOT then
         assert(lfs.mkdir(out))
         if not try_mount_tmpfs(out, "size=4m") then
            pending("running as root and cannot mount a tmpfs: nothing makes a directory"
               .. " unwritable")
            return
         end
         finally(function() unmount(out) end)
         generate(dir, OLD)
         assert(os.execute("mount -o remount,ro " .. q(out)))
         os_error = "Read-only file system"
      else
         generate(dir, OLD)
         helpers.chmod(out, "555")
         finally(function() helpers.chmod(out, "755") end)
         os_error = "Permission denied"
      end
      helpers.spec_file(dir, NEW)
      local code, stdout, stderr = run(dir, { "-o", "out", "types.lua" })
      assert.equal(2, code)
      assert.equal("", stdout)
      assert.equal(("vv32gen: cannot write out/%s: %s\n"):format(
         first_changed(old, new, order), os_error), stderr)
      assert.same(old, helpers.contents(out))
   end)

   it("reports a full disk and keeps the old outputs complete", function()
      assert(lfs.mkdir(out))
      if not try_mount_tmpfs(out, "size=320k") then
         pending("cannot mount a small tmpfs here (the file size limit test stands in)")
         return
      end
      finally(function() unmount(out) end)
      local old, new = reference(OLD), reference(NEW)
      generate(dir, OLD)
      helpers.spec_file(dir, NEW)
      local code, stdout, stderr = run(dir, { "-o", "out", "types.lua" })
      assert.equal(2, code)
      assert.equal("", stdout)
      local name = stderr:match("^vv32gen: cannot write out/([%w_.]+): No space left on device\n$")
      assert.is_string(name, stderr)
      assert.is_string(new[name])
      assert.same(old, helpers.contents(out))
      -- and once there is room again, the next run completes
      assert(os.execute("mount -o remount,size=2m " .. q(out)))
      generate(dir, NEW)
      assert.same(new, helpers.contents(out))
   end)

   describe("under a file size limit", function()
      it("reports the file too large and keeps the old outputs complete", function()
         local old, order = reference(OLD)
         local new = reference(NEW)
         local block = ulimit_block(dir)
         assert.is_true(block == 512 or block == 1024, tostring(block))
         local limit = 32 * 1024
         generate(dir, OLD)
         helpers.spec_file(dir, NEW)
         local code, stdout, stderr = run(dir, { "-o", "out", "types.lua" },
            ("trap '' XFSZ; ulimit -f %d"):format(limit // block))
         assert.equal(2, code)
         assert.equal("", stdout)
         assert.equal(("vv32gen: cannot write out/%s: File too large\n"):format(
            first_changed(old, new, order, limit)), stderr)
         assert.same(old, helpers.contents(out))
      end)

      it("killed by SIGXFSZ mid-write, leaves the old outputs; the next run cleans up", function()
         local old, order = reference(OLD)
         local new = reference(NEW)
         local limit = 32 * 1024
         generate(dir, OLD)
         helpers.spec_file(dir, NEW)
         local code = run(dir, { "-o", "out", "types.lua" },
            ("ulimit -c 0; ulimit -f %d"):format(limit // ulimit_block(dir)))
         assert.equal(128 + SIGXFSZ, code)
         -- Every output is the old one, complete; the temps written so far are left, the
         -- one being written cut short at the limit.
         local left, cut = helpers.contents(out), {}
         local temps = temps_in(out)
         assert.is_true(#temps >= 1)
         for _, temp in ipairs(temps) do
            local target = temp:match("^%.(.+)%.%x+%.tmp$")
            assert.equal(new[target]:sub(1, #left[temp]), left[temp])
            if #left[temp] < #new[target] then cut[#cut + 1] = target end
            left[temp] = nil
         end
         assert.same({ first_changed(old, new, order, limit) }, cut)
         assert.same(old, left)

         assert.equal(1, (run(dir, { "--check", "-q", "-o", "out", "types.lua" })))
         generate(dir, NEW)
         assert.same(new, helpers.contents(out))
      end)
   end)

   it("killed by SIGKILL at random points, never leaves an output incomplete", function()
      if lfs.attributes("/proc/self", "mode") == nil then
         pending("needs /proc to follow the generator's process")
         return
      end
      local versions = { spec_source(4, "int32_t"), spec_source(5, "int64_t") }
      local refs = { reference(versions[1]), reference(versions[2]) }
      local changed = 0   -- files a run writes: each gets a temp, then a rename
      for name, text in pairs(refs[2]) do
         if refs[1][name] ~= text then changed = changed + 1 end
      end
      local RUNS = 20
      generate(dir, versions[1])
      local killed, killed_with_temps, killed_mixed, completed = 0, 0, 0, 0
      for run_index = 1, RUNS do
         local target = run_index % 2 + 1
         helpers.spec_file(dir, versions[target])
         local before = {}
         for _, name in ipairs(helpers.list(out)) do before[name] = true end
         local pipe = assert(io.popen(("exec 2>/dev/null; cd %s && { VV32GEN_TEMPLATES=%s"
            .. " lua5.4 %s -o out types.lua >/dev/null 2>&1 & pid=$!; echo $pid; wait $pid;"
            .. " echo $?; }"):format(q(dir), q(helpers.REAL_TEMPLATES), q(helpers.SCRIPT))))
         local pid = assert(tonumber(pipe:read("l")))
         -- A shell waiting to kill it, so the kill lands without a fork's delay.
         local killer = assert(io.popen(("read line; kill -KILL %d 2>/dev/null"):format(pid),
            "w"))
         -- Kill it at a random event of its write phase: the k-th of its temp files
         -- appearing or, for k past their number, going (renamed into place), by when it
         -- may also have finished.
         local kill_at = math.random(1, changed + 3)
         local appeared, gone = {}, {}
         local events = 0
         local deadline = os.time() + 30
         while lfs.attributes("/proc/" .. pid, "mode") and os.time() < deadline do
            local present = {}
            for name in lfs.dir(out) do
               if name:match(TEMP) and not before[name] then
                  present[name] = true
                  if not appeared[name] then appeared[name], events = true, events + 1 end
               end
            end
            for name in pairs(appeared) do
               if not present[name] and not gone[name] then
                  gone[name], events = true, events + 1
               end
            end
            if events >= kill_at then break end
         end
         killer:write("\n")
         killer:close()
         local status = assert(tonumber(pipe:read("l")))
         pipe:close()

         local files = helpers.contents(out)
         if status == 0 then
            completed = completed + 1
            assert.same(refs[target], files)
         else
            assert.equal(128 + SIGKILL, status)
            killed = killed + 1
            if #temps_in(out) > 0 then killed_with_temps = killed_with_temps + 1 end
            local versions_seen = {}
            for name, text in pairs(files) do
               if not name:match(TEMP) then
                  local one, other = refs[1][name], refs[2][name]
                  assert.is_true(text == one or text == other,
                     ("run %d: %s is neither version, %d bytes"):format(run_index, name, #text))
                  if one ~= other and name ~= MANIFEST then
                     versions_seen[text == one and 1 or 2] = true
                  end
               end
            end
            if versions_seen[1] and versions_seen[2] then killed_mixed = killed_mixed + 1 end
         end
      end
      -- Runs were killed while temps were on disk and between renames; after all that, a
      -- normal run completes and leaves no temp.
      local summary = ("killed %d of %d (%d with temps, %d between renames)"):format(killed,
         RUNS, killed_with_temps, killed_mixed)
      if os.getenv("VV32GEN_TEST_VERBOSE") then io.stderr:write(summary, "\n") end
      assert.is_true(killed >= RUNS // 4, summary)
      assert.is_true(killed_with_temps >= 1, summary)
      assert.equal(RUNS, killed + completed)
      generate(dir, versions[2])
      assert.same(refs[2], helpers.contents(out))
   end)

   it("lets concurrent runs into one directory all succeed", function()
      -- Two specs sharing the runtime, each run three at a time: one run's cleanup may
      -- remove another's temp, which then writes it again.
      for round = 1, 6 do
         helpers.spec_file(dir, spec_source(round % 2 + 1, "int32_t"), "a.lua")
         helpers.spec_file(dir, (spec_source(round % 2 + 2, "int64_t"):gsub('"t(%d+)', '"u%1')),
            "b.lua")
         local commands = {}
         for i, spec in ipairs { "a.lua", "b.lua", "a.lua", "b.lua" } do
            commands[i] = ("(VV32GEN_TEMPLATES=%s lua5.4 %s -o out %s 2>err%d;"
               .. " echo $? > status%d) &"):format(q(helpers.TEMPLATES), q(helpers.SCRIPT), spec,
               i, i)
         end
         assert(os.execute(("cd %s && { %s wait; }"):format(q(dir), table.concat(commands, " "))))
         for i = 1, 4 do
            assert.equal("0\n", helpers.read(("%s/status%d"):format(dir, i)),
               ("round %d: %s"):format(round, helpers.read(("%s/err%d"):format(dir, i))))
         end
         assert.same({}, temps_in(out))
      end
   end)
end)

describe("vv32.write.apply", function()
   local dir
   before_each(function() dir = helpers.tmpdir() end)
   after_each(function() helpers.rmtree(dir) end)

   it("writes a temp again when a concurrent run removed it before the rename", function()
      local plan = assert(write.plan(dir, { { name = "valvec32_a.h", content = "a\n" } },
         dir .. "/types.lua"))
      local real_rename, stolen = os.rename, 0
      os.rename = function(from, to)   -- luacheck: ignore 122
         if stolen < 2 and from:match("valvec32_a%.h%.%x+%.tmp$") then
            stolen = stolen + 1
            os.remove(from)
         end
         return real_rename(from, to)
      end
      local ok, actions, message = pcall(write.apply, plan)
      os.rename = real_rename   -- luacheck: ignore 122
      assert.is_true(ok, actions)
      assert.is_table(actions, message)
      assert.equal(2, stolen)
      assert.same({ ["valvec32_a.h"] = "a\n",
         [MANIFEST] = "# spec: ./types.lua\nvalvec32_a.h\n" }, helpers.contents(dir))
   end)

   it("reports a directory it cannot list instead of raising", function()
      local real_dir = lfs.dir
      lfs.dir = function(path) error("cannot open " .. path .. ": Permission denied", 0) end
      local ok, plan, message = pcall(write.plan, dir, { { name = "valvec32_a.h",
         content = "a\n" } }, dir .. "/types.lua")
      lfs.dir = real_dir
      assert.is_true(ok, plan)
      assert.is_nil(plan)
      assert.equal(("cannot read directory %s: Permission denied"):format(dir), message)
   end)

   it("gives up, leaving no temp, when the temp keeps disappearing", function()
      local plan = assert(write.plan(dir, { { name = "valvec32_a.h", content = "a\n" } },
         dir .. "/types.lua"))
      local real_rename = os.rename
      os.rename = function(from, to)   -- luacheck: ignore 122
         if from:match("valvec32_a%.h%.%x+%.tmp$") then os.remove(from) end
         return real_rename(from, to)
      end
      local ok, actions, message = pcall(write.apply, plan)
      os.rename = real_rename   -- luacheck: ignore 122
      assert.is_true(ok, actions)
      assert.is_nil(actions)
      assert.equal(("cannot write %s/valvec32_a.h: No such file or directory"):format(dir),
         message)
      assert.same({}, helpers.list(dir))
   end)
end)
