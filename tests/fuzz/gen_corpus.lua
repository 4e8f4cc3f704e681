-- Writes the seed corpus of the fuzz targets: one small program per
-- operation of tests/fuzz/fuzz_vec.c, with and without injected faults.
--
--   lua5.4 tests/fuzz/gen_corpus.lua [OUTDIR]     (default tests/fuzz/corpus)
--
-- writes OUTDIR/u32/NN-name and OUTDIR/str/NN-name (the same programs: the
-- byte code is type-independent). The opcodes are read from the g_names
-- table of fuzz_vec.c, so the seeds follow its operation list. Argument
-- layouts follow run_op in fuzz_vec.c; a seed that drifts from them is still
-- a valid program, only a less useful one.

local here = arg[0]:match("^(.*)/[^/]*$") or "."
local outdir = arg[1] or (here .. "/corpus")

local src = assert(io.open(here .. "/fuzz_vec.c", "rb")):read("a")
local names = src:match("g_names%[OP_COUNT%]%s*=%s*{(.-)}")
assert(names, "g_names not found in fuzz_vec.c")
local OP, count = {}, 0
for name in names:gmatch('"([%w_]+)"') do
   OP[name] = count
   count = count + 1
end
assert(OP.destroy and OP.arm == 0, "unexpected operation table")

local function u16(n) return string.char(n % 256, (n // 256) % 256) end
local function u32(n) return u16(n % 65536) .. u16(n // 65536) end

-- A program: a list of byte strings, concatenated.
local P = {}
P.__index = P
local function prog() return setmetatable({ b = {}, len = 0 }, P) end
function P:op(name, args) self.b[#self.b + 1] = string.char(OP[name]) .. (args or "") return self end
function P:push(k) self.len = self.len + 1 return self:op("push", string.char(k)) end
function P:pushes(keys) for _, k in ipairs(keys) do self:push(k) end return self end
-- alloc: fail the n-th allocation (0..3); clone: fail the n-th clone (0..31)
function P:arm(alloc, clone) return self:op("arm", string.char(alloc + 4 * (clone or 0))) end
function P:bytes() return table.concat(self.b) end

local base = { 5, 3, 9, 3, 1, 7, 3, 12 }     -- duplicates, unsorted
local seeds = {}
local function seed(name, p) seeds[#seeds + 1] = { name = name, data = p:bytes() } end

do local p = prog() for i = 1, 40 do p:push((i * 7) % 40) end seed("push-growth", p) end
seed("push_unchecked", prog():pushes(base):op("reserve", u16(20) .. "\0")
   :op("push_unchecked", "\4"):op("push_unchecked", "\8"):op("push_unchecked", "\4"))
seed("push_clone", prog():pushes(base):op("push_clone", "\0\1" .. u16(2))
   :op("push_clone", "\0\1" .. u16(7)):op("push_clone", "\11\0"))
do local p = prog() for i = 1, 10 do p:op("emplace", string.char(i)) end seed("emplace", p) end
seed("pop", prog():pushes(base):op("pop", "\1"):op("pop", "\0"):op("pop", "\1"))
seed("insert", prog():pushes(base):op("insert", u16(0) .. "\6"):op("insert", u16(9) .. "\2")
   :op("insert", u16(4) .. "\3"):op("insert", u16(50) .. "\1"))
seed("insert_n", prog():pushes(base)
   :op("insert_n", "\0" .. u16(3) .. "\3\20\21\22" .. "\0")          -- outside
   :op("insert_n", "\4" .. u16(2) .. u16(1) .. u16(5) .. "\0")       -- inside, overlapping
   :op("insert_n", "\5" .. u16(10) .. u16(0) .. u16(4) .. "\0"))     -- inside, before
seed("extend-self", prog():pushes(base)
   :op("extend", "\4" .. u16(0) .. u16(8) .. "\0")                   -- doubles from itself
   :op("extend", "\5" .. u16(3) .. u16(6) .. "\0")
   :op("extend", "\0\4\1\2\3\4\0"))
seed("remove", prog():pushes(base):op("remove", "\1" .. u16(2)):op("remove", "\0" .. u16(0))
   :op("swap_remove", "\1" .. u16(1)):op("swap_remove", "\0" .. u16(4)):op("remove", "\0" .. u16(40)))
seed("erase", prog():pushes(base):op("erase", u16(1) .. u16(4) .. "\0"):op("erase", u16(3) .. u16(1) .. "\0")
   :op("erase", u16(0) .. u16(2) .. "\1"))
seed("truncate-clear", prog():pushes(base):op("truncate", u16(5)):op("truncate", u16(9)):op("clear"))
seed("resize", prog():pushes(base)
   :op("resize", "\0" .. u16(12) .. "\0" .. "\9")                   -- fill from outside
   :op("resize", "\1" .. u16(20) .. "\0" .. u16(3))                 -- fill from inside
   :op("resize", "\2" .. u16(24) .. "\0")                           -- NULL fill
   :op("resize", "\3" .. u16(4) .. "\0"))                           -- shrink
seed("append", prog():pushes(base):op("flip"):pushes({ 2, 4 }):op("append", "\1")
   :op("flip"):op("append", "\0"):op("append", "\0"))
seed("clone", prog():pushes(base):op("clone"):op("query", u16(3)):op("flip"):op("push", "\8"):op("clone"))
seed("split_off", prog():pushes(base):op("split_off", u16(3)):op("split_off", u16(40)):op("flip")
   :op("split_off", u16(0)))
seed("drain", prog():pushes(base):op("drain", "\1" .. u16(2) .. u16(6) .. "\0")
   :op("drain", "\0" .. u16(0) .. u16(2) .. "\0"):op("flip"):op("drain", "\1" .. u16(0) .. u16(2) .. "\0"))
seed("reserve", prog():pushes(base):op("reserve", u16(100) .. "\0"):op("reserve_exact", u16(300) .. "\0")
   :op("reserve", u16(1) .. "\255\3"):op("reserve_exact", u16(1) .. "\255\0"))
seed("shrink", prog():pushes(base):op("reserve", u16(100) .. "\0"):op("shrink_to", u16(40))
   :op("shrink_to_fit"):op("clear"):op("shrink_to_fit"))
seed("retain", prog():pushes(base):op("retain", u32(0x55555555)):op("retain", u32(0xFFFFFFF7)))
seed("reverse", prog():pushes(base):op("reverse"):op("push", "\2"):op("reverse"))
seed("sort", prog():pushes(base):pushes({ 30, 0, 11 }):op("sort"))
seed("stable_sort", prog():pushes(base):pushes({ 30, 0, 11, 3 }):op("stable_sort"))
seed("dedup", prog():pushes(base):op("dedup"):op("sort"):op("dedup"))
seed("find", prog():pushes(base):op("find", "\0\3"):op("find", "\1" .. u16(4)):op("find", "\0\39"))
seed("lower_bound", prog():pushes(base):op("stable_sort"):op("lower_bound", "\0\3")
   :op("lower_bound", "\1" .. u16(5)):op("lower_bound", "\0\10"))
seed("swap", prog():pushes(base):op("flip"):push(1):op("swap"):op("push", "\3"):op("flip"):op("swap"))
seed("release_adopt", prog():pushes(base):op("release_adopt", "\0\0"):op("release_adopt", "\1\1")
   :op("release_adopt", "\2\0" .. u16(1)):op("push", "\4"):op("release_adopt", "\3\0"):op("release_adopt", "\0\0"))
seed("query", prog():op("query", u16(0)):pushes(base):op("query", u16(3)):op("query", u16(9)))
seed("with_capacity", prog():op("with_capacity", u16(0)):op("with_capacity", u16(50)):op("flip")
   :op("push", "\1"):op("with_capacity", u16(7)))
seed("destroy", prog():pushes(base):op("destroy"):pushes({ 1, 2 }):op("destroy"):op("destroy"))
seed("alloc-faults", prog():pushes({ 1, 2, 3, 4 }):arm(1):push(5):arm(1):op("reserve", u16(50) .. "\0")
   :arm(1):op("extend", "\4" .. u16(0) .. u16(4) .. "\0"):arm(1):op("clone"):arm(1):op("split_off", u16(1))
   :arm(1):op("drain", "\0" .. u16(0) .. u16(1) .. "\0"):arm(1):op("stable_sort")
   :arm(1):op("shrink_to_fit"):arm(1):op("with_capacity", u16(9)):arm(2):op("resize", "\0" .. u16(60) .. "\0\1"))
seed("clone-faults", prog():pushes(base):arm(0, 1):op("push_clone", "\0\1" .. u16(2))
   :arm(0, 3):op("extend", "\4" .. u16(0) .. u16(8) .. "\0")
   :arm(0, 2):op("insert_n", "\4" .. u16(3) .. u16(1) .. u16(5) .. "\0")
   :arm(0, 4):op("resize", "\1" .. u16(20) .. "\0" .. u16(3)):arm(0, 5):op("clone"))
seed("second-vector", prog():pushes(base):op("flip"):pushes(base):op("sort"):op("dedup")
   :op("append", "\0"):op("flip"):op("query", u16(1)))
do
   local p = prog():pushes(base)
   for i = 1, 6 do
      p:op("extend", "\4" .. u16(0) .. u16(8) .. "\0"):op("erase", u16(i) .. u16(i + 5) .. "\0")
       :arm(i % 3, i):op("insert_n", "\4" .. u16(i) .. u16(0) .. u16(i + 2) .. "\0")
       :op("stable_sort"):op("dedup"):op("swap")
   end
   seed("mixed", p)
end

for _, t in ipairs({ "u32", "str" }) do
   local dir = outdir .. "/" .. t
   assert(os.execute("mkdir -p '" .. dir .. "'"))
   for i, s in ipairs(seeds) do
      local f = assert(io.open(string.format("%s/%02d-%s", dir, i, s.name), "wb"))
      f:write(s.data)
      f:close()
   end
end
print(string.format("gen_corpus: %d seeds for each of u32, str in %s (%d operations)", #seeds, outdir, count))
