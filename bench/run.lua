#!/usr/bin/env lua5.4
-- Benchmark runner: runs every driver process, interleaving implementations
-- and rotating their order, then writes the tables, the chart and the
-- callgrind counts.
--
--   lua5.4 run.lua --mode full|quick|smoke [--build DIR] [--rounds N] [--from RAW]
--
-- Every run saves what it measured in build/raw-<mode>.tsv; --from RAW
-- writes the report again from such a file without running anything.
--
-- full:  sizes 1K..10M (strings to 1M), up to 3 processes a cell -> RESULTS.md, results.png
-- quick: sizes 1K and 1M, up to 2 processes a cell -> build/RESULTS-quick.md, build/results-quick.png
-- The first round runs every cell; later rounds run what fits in the time
-- budget (full 470 s, quick 40 s of measuring), dropping the most expensive
-- cells first, so `make bench` stays under 10 minutes on a loaded machine.
-- smoke: size 1000, one process, one sample; exits 1 when a driver fails or
--        the implementations' checksums differ.
--
-- Every driver is called as `drv CASE TYPE N SAMPLES` and prints
-- "ns_per_elem checksum" (mem: "bytes_per_vector checksum header heap").
-- A cell is (case, type, size); for each cell and implementation the
-- runner keeps the per-process results and reports their minimum and median.

local mode, build, rounds_opt, from_file = "full", "build", nil, nil
do
   local i = 1
   while i <= #arg do
      local a = arg[i]
      if a == "--mode" then mode = arg[i + 1]; i = i + 1
      elseif a == "--build" then build = arg[i + 1]; i = i + 1
      elseif a == "--rounds" then rounds_opt = tonumber(arg[i + 1]); i = i + 1
      elseif a == "--from" then from_file = arg[i + 1]; i = i + 1
      else io.stderr:write("run.lua: unknown argument " .. a .. "\n"); os.exit(2) end
      i = i + 1
   end
end
if mode ~= "full" and mode ~= "quick" and mode ~= "smoke" then
   io.stderr:write("run.lua: --mode must be full, quick or smoke\n"); os.exit(2)
end

---------------------------------------------------------------------------
-- the matrix

local EXE = { vv32 = "drv_vv32", std = "drv_std", rust = "drv_rust", stb = "drv_stb",
   plainc = "drv_plainc", vv32_O3 = "drv_vv32_O3", plainc_O3 = "drv_plainc_O3" }
local LABEL = { vv32 = "valvec32", std = "std::vector", rust = "Rust Vec", stb = "stb_ds",
   plainc = "plain C", vv32_O3 = "valvec32 -O3", plainc_O3 = "plain C -O3" }
local PEERS = { "std", "rust", "stb", "plainc" }
local BASE = { "vv32", "std", "rust", "stb", "plainc" }
local SORTERS = { "vv32", "std", "rust", "plainc" }     -- stb_ds has no sort
local POD = { "u32", "u64", "rec" }
local ALL = { "u32", "u64", "rec", "str" }

local CASES = {
   { name = "push_grow", types = ALL, impls = BASE, title = "push with growth from empty" },
   { name = "push_reserve", types = ALL, impls = BASE, title = "push after reserve" },
   { name = "push_unchecked", types = POD, impls = { "vv32", "plainc" },
     title = "push_unchecked (plain C: raw store loop into a malloc'd buffer)" },
   { name = "iterate", types = POD, impls = { "vv32", "std", "rust", "stb", "plainc", "vv32_O3", "plainc_O3" },
     title = "iterate (sum over data/len; plain C: raw loop over a malloc'd array)" },
   { name = "extend", types = ALL, impls = BASE, title = "extend from an array (plain C: malloc + memcpy)" },
   { name = "get", types = POD, impls = BASE, title = "random-access get (sum of keys at random indices)" },
   { name = "clone", types = ALL, impls = BASE, title = "clone (plain C: malloc + memcpy)" },
   { name = "sort_random", types = ALL, impls = SORTERS, title = "sort, random input (plain C: qsort)" },
   { name = "sort_sorted", types = ALL, impls = SORTERS, title = "sort, sorted input" },
   { name = "sort_reversed", types = ALL, impls = SORTERS, title = "sort, reversed input" },
   { name = "sort_few", types = ALL, impls = SORTERS, title = "sort, few distinct keys (16)" },
   { name = "find", types = POD, impls = BASE, title = "find (linear search for the last element's key)" },
}
local MEM = { name = "mem", types = { "u32" }, impls = BASE, title = "memory: 1M vectors of 1..8 uint32_t" }

local SIZES = ({ full = { 1000, 10000, 100000, 1000000, 10000000 },
   quick = { 1000, 1000000 }, smoke = { 1000 } })[mode]
local ROUNDS = rounds_opt or ({ full = 3, quick = 2, smoke = 1 })[mode]
-- seconds for callgrind + measuring; the build and the report come on top
local BUDGET = ({ full = 520, quick = 40, smoke = math.huge })[mode]
-- owned strings stop at 1M: 10M strings are 10M heap blocks (~0.5 GB a copy)
-- and one such cell would take a large part of the time budget
local STR_MAX = 1000000
local MEM_N = mode == "smoke" and 10000 or 1000000

-- samples inside one process (the minimum is reported): the drivers' own
-- plan (7 up to 100K, 3 at 1M, 1 at 10M) for full; fewer for quick
local function samples_for(n)
   if mode == "smoke" then return 1 end
   if mode == "quick" then return n <= 100000 and 3 or 1 end
   return n <= 1000000 and 3 or 1
end

---------------------------------------------------------------------------
-- helpers

local function sh(cmd)
   local p = io.popen(cmd, "r")
   local out = p:read("a")
   local ok, _, code = p:close()
   return out, ok, code
end
local function first_line(cmd) return ((sh(cmd .. " 2>/dev/null")):match("[^\n]*")) end
local function now() return tonumber((sh("date +%s.%N"))) end

local function fmt(x)
   if x == nil or x ~= x then return "-" end
   if x >= 100 then return string.format("%.0f", x) end
   if x >= 10 then return string.format("%.1f", x) end
   if x >= 1 then return string.format("%.2f", x) end
   return string.format("%.3f", x)
end
local function fmtr(x)
   if x == nil or x ~= x then return "-" end
   return string.format("%.2f", x)
end
local function size_name(n)
   if n >= 1000000 and n % 1000000 == 0 then return (n // 1000000) .. "M" end
   if n >= 1000 and n % 1000 == 0 then return (n // 1000) .. "K" end
   return tostring(n)
end
local function median(t)
   local s = {}
   for i, v in ipairs(t) do s[i] = v end
   table.sort(s)
   local k = #s
   if k == 0 then return nil end
   if k % 2 == 1 then return s[(k + 1) // 2] end
   return (s[k // 2] + s[k // 2 + 1]) / 2
end
local function minimum(t)
   local m
   for _, v in ipairs(t) do if not m or v < m then m = v end end
   return m
end
local function contains(t, x) for _, v in ipairs(t) do if v == x then return true end end return false end

---------------------------------------------------------------------------
-- build the cell list

local cells = {}
for _, c in ipairs(CASES) do
   for _, ty in ipairs(c.types) do
      for _, n in ipairs(SIZES) do
         if ty ~= "str" or n <= STR_MAX then
            cells[#cells + 1] = { case = c.name, ty = ty, n = n, impls = c.impls }
         end
      end
   end
end
cells[#cells + 1] = { case = "mem", ty = "u32", n = MEM_N, impls = MEM.impls, mem = true }

local function key(c, ty, n) return c .. "|" .. ty .. "|" .. n end
local res = {}           -- res[key][impl] = { ns = {...}, ck = {...}, hdr, heap = {...} }
local failures = {}
local missing = {}       -- "impl case type" the drivers reported as not implemented

local function run_one(cell, impl)
   local n = cell.n
   local cmd = string.format("%s/%s %s %s %d %d", build, EXE[impl], cell.case, cell.ty, n,
      cell.mem and 1 or samples_for(n))
   local out, ok, code = sh(cmd)
   local ns, ck, hdr, heap = out:match("^(%S+) (%d+) ?(%S*) ?(%S*)")
   local k = key(cell.case, cell.ty, n)
   res[k] = res[k] or {}
   local r = res[k][impl] or { ns = {}, ck = {}, heap = {} }
   res[k][impl] = r
   if code == 2 and out:match("^NA") then    -- the driver does not implement it
      r.na = true
      missing[impl .. " " .. cell.case .. " " .. cell.ty] = true
      return
   end
   if not ok or not tonumber(ns) then
      failures[#failures + 1] = string.format("%s (exit %s): %q", cmd, tostring(code), out)
      return
   end
   r.ns[#r.ns + 1] = tonumber(ns)
   r.ck[#r.ck + 1] = ck
   if hdr ~= "" then r.hdr = tonumber(hdr); r.heap[#r.heap + 1] = tonumber(heap) end
end

---------------------------------------------------------------------------
-- callgrind instruction counts (full mode): one valgrind run per function,
-- collecting only inside it (--toggle-collect), two runs at a time

local CG_FNS = {
   { fn = "cg_push_loop", what = "inlined push, per push (1000 pushes, no growth)", per = 1000 },
   { fn = "cg_unchecked_loop", what = "push_unchecked / raw store, per element (1000)", per = 1000 },
   { fn = "cg_grow_first", what = "the push that makes the first allocation", per = 1 },
   { fn = "cg_grow_1k", what = "one growth step, cap ~1K (a push at len == cap)", per = 1 },
   { fn = "cg_grow_1m", what = "one growth step, cap ~1M (a push at len == cap)", per = 1 },
   { fn = "cg_grow_all_1m", what = "1M pushes from empty, per push (amortized growth)", per = 1000000 },
}
local CG_PROGS = { "vv32", "plainc", "std", "rust" }
local cg = {}          -- cg[prog][fn] = Ir
local cg_caps = {}
local function run_callgrind()
   local dir = build .. "/cg"
   os.execute("mkdir -p " .. dir)
   local list = {}
   for _, p in ipairs(CG_PROGS) do
      cg_caps[p] = first_line(build .. "/cg_" .. p)
      for _, f in ipairs(CG_FNS) do
         list[#list + 1] = string.format(
            "valvec32_cg() { valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no " ..
            "--toggle-collect=%s %s/cg_%s >/dev/null 2>%s/%s_%s.log; }; valvec32_cg",
            f.fn, build, p, dir, p, f.fn)
      end
   end
   local lf = io.open(dir .. "/cmds", "w")
   for _, l in ipairs(list) do lf:write(l, "\n") end
   lf:close()
   os.execute("xargs -P 2 -I CMD sh -c 'CMD' < " .. dir .. "/cmds")
   for _, p in ipairs(CG_PROGS) do
      cg[p] = {}
      for _, f in ipairs(CG_FNS) do
         local fh = io.open(string.format("%s/%s_%s.log", dir, p, f.fn))
         local s = fh and fh:read("a") or ""
         if fh then fh:close() end
         local c = s:match("Collected : ([%d,]+)")
         cg[p][f.fn] = c and tonumber((c:gsub(",", ""))) or nil
      end
   end
end
local pf_before, pf_after, done, skipped, elapsed
local run_date = os.date("!%Y-%m-%d %H:%M UTC")

-- raw results: one line per process, so a report can be written again
local function save_raw(path)
   local f = assert(io.open(path, "w"))
   f:write(string.format("meta\t%d\t%d\t%.1f\t%s\t%s\t%s\n", done, skipped, elapsed,
      pf_before or "?", pf_after or "?", run_date))
   for p, fns in pairs(cg) do
      for fn, c in pairs(fns) do f:write(string.format("cg\t%s\t%s\t%d\n", p, fn, c)) end
   end
   for p, c in pairs(cg_caps) do f:write(string.format("cgcaps\t%s\t%s\n", p, c)) end
   for k, byimpl in pairs(res) do
      local c, ty, n = k:match("^(.-)|(.-)|(%d+)$")
      for impl, r in pairs(byimpl) do
         for i, ns in ipairs(r.ns) do
            f:write(string.format("r\t%s\t%s\t%s\t%s\t%.6g\t%s\t%s\t%s\n", c, ty, n, impl, ns, r.ck[i],
               r.hdr or "", r.heap[i] or ""))
         end
      end
   end
   for m in pairs(missing) do f:write("na\t" .. m .. "\n") end
   for _, m in ipairs(failures) do f:write("fail\t" .. m:gsub("[\t\n]", " ") .. "\n") end
   f:close()
end
local function load_raw(path)
   local f = assert(io.open(path))
   for line in f:lines() do
      local t = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do t[#t + 1] = field end
      if t[1] == "meta" then
         done, skipped, elapsed = tonumber(t[2]), tonumber(t[3]), tonumber(t[4])
         pf_before, pf_after = t[5], t[6]
         run_date = t[7] or run_date
      elseif t[1] == "cg" then
         cg[t[2]] = cg[t[2]] or {}
         cg[t[2]][t[3]] = tonumber(t[4])
      elseif t[1] == "cgcaps" then
         cg_caps[t[2]] = t[3]
      elseif t[1] == "r" then
         local k = key(t[2], t[3], tonumber(t[4]))
         res[k] = res[k] or {}
         local r = res[k][t[5]] or { ns = {}, ck = {}, heap = {} }
         res[k][t[5]] = r
         r.ns[#r.ns + 1] = tonumber(t[6])
         r.ck[#r.ck + 1] = t[7]
         if t[8] ~= "" then r.hdr = tonumber(t[8]); r.heap[#r.heap + 1] = tonumber(t[9]) end
      elseif t[1] == "na" then
         missing[t[2]] = true
      elseif t[1] == "fail" then
         failures[#failures + 1] = t[2]
      end
   end
   f:close()
end

if from_file then
   load_raw(from_file)
else
   pf_before = mode ~= "smoke" and first_line(build .. "/pfprobe") or nil
   local t_cg = now()
   if mode == "full" then
      io.stderr:write("callgrind counts...\n")
      run_callgrind()
   end
   t_cg = now() - t_cg


   -- The cells of a round run in order of size (smallest first in odd rounds,
   -- largest first in even ones).  A cell is skipped when its estimated time
   -- (its time in an earlier round; in the first round, 10x the same case and
   -- type at the size below) exceeds what is left of the budget: on a loaded
   -- machine the 10M cells go first, and later rounds drop the most expensive
   -- cells first.
   local t_start = now()
   local deadline = t_start + BUDGET - t_cg
   local total = 0
   for _, cell in ipairs(cells) do total = total + #cell.impls end
   done, skipped = 0, 0
   local cell_time, ct_by_size = {}, {}
   local function est(ci)
      if cell_time[ci] then return cell_time[ci] end
      local c = cells[ci]
      local prev
      for _, n in ipairs(SIZES) do
         if n >= c.n then break end
         prev = ct_by_size[key(c.case, c.ty, n)] or prev
      end
      return prev and prev * 10 or 0
   end
   local by_size = {}
   for ci = 1, #cells do by_size[ci] = ci end
   table.sort(by_size, function(a, b)
      if cells[a].n ~= cells[b].n then return cells[a].n < cells[b].n end
      return a < b
   end)
   io.stderr:write(string.format("bench (%s): %d cells, up to %d processes, budget %.0f s\n",
      mode, #cells, total * ROUNDS, BUDGET))
   for r = 1, ROUNDS do
      local order = {}
      for i = 1, #by_size do order[i] = by_size[r % 2 == 1 and i or #by_size + 1 - i] end
      -- later rounds: drop the most expensive cells until the round fits
      local skip = {}
      if r > 1 then
         local need, idx = 0, {}
         for _, ci in ipairs(order) do
            if cell_time[ci] then need = need + cell_time[ci]; idx[#idx + 1] = ci else skip[ci] = true end
         end
         table.sort(idx, function(a, b) return cell_time[a] > cell_time[b] end)
         local left = deadline - now()
         for _, ci in ipairs(idx) do
            if need <= left then break end
            skip[ci] = true
            need = need - cell_time[ci]
         end
      end
      for _, ci in ipairs(order) do
         local cell = cells[ci]
         if not skip[ci] and (r == 1 and now() + est(ci) > deadline) then skip[ci] = true end
         if skip[ci] then
            skipped = skipped + 1
         else
            local k = #cell.impls
            local t0 = now()
            for j = 0, k - 1 do
               local impl = cell.impls[(j + r + ci) % k + 1]
               run_one(cell, impl)
               done = done + 1
            end
            cell_time[ci] = now() - t0
            ct_by_size[key(cell.case, cell.ty, cell.n)] = cell_time[ci]
            if done % 50 < k then
               io.stderr:write(string.format("\r  round %d: %d processes, %.0f s", r, done, now() - t_start))
            end
         end
      end
   end
   elapsed = now() - t_start
   io.stderr:write(string.format("\r  %d processes, %.0f s; %d cell-rounds skipped for time\n",
      done, elapsed, skipped))
   pf_after = mode ~= "smoke" and first_line(build .. "/pfprobe") or nil
   save_raw(build .. "/raw-" .. mode .. ".tsv")
end

-- checksums: every implementation and process of a cell must agree
local mismatches = {}
for _, cell in ipairs(cells) do
   local k = key(cell.case, cell.ty, cell.n)
   local seen, list = nil, {}
   for _, impl in ipairs(cell.impls) do
      local r = res[k] and res[k][impl]
      if r then
         for _, ck in ipairs(r.ck) do
            if not seen then seen = ck end
            if ck ~= seen then list[#list + 1] = impl .. "=" .. ck end
         end
      end
   end
   if #list > 0 then
      mismatches[#mismatches + 1] = string.format("%s %s %d: expected %s, got %s",
         cell.case, cell.ty, cell.n, tostring(seen), table.concat(list, " "))
   end
end

local function stat(c, ty, n, impl)
   local r = res[key(c, ty, n)]
   r = r and r[impl]
   if not r or #r.ns == 0 then return nil, nil end
   return minimum(r.ns), median(r.ns)
end

local missing_list = {}
for m in pairs(missing) do missing_list[#missing_list + 1] = m end
table.sort(missing_list)

if mode == "smoke" then
   for _, m in ipairs(missing_list) do print("not implemented by the driver: " .. m) end
   for _, f in ipairs(failures) do print("FAIL " .. f) end
   for _, m in ipairs(mismatches) do print("CHECKSUM MISMATCH " .. m) end
   -- run the callgrind programs natively once, so they cannot rot either
   for _, p in ipairs({ "vv32", "plainc", "std", "rust" }) do
      local _, ok = sh(build .. "/cg_" .. p)
      if not ok then print("FAIL " .. build .. "/cg_" .. p); failures[#failures + 1] = "cg_" .. p end
   end
   local ncells = #cells
   if #failures > 0 or #mismatches > 0 then
      print(string.format("bench smoke: %d failures, %d checksum mismatches", #failures, #mismatches))
      os.exit(1)
   end
   print(string.format("bench smoke: %d cells, %d processes, checksums agree (%.0f s)", ncells, done, elapsed))
   os.exit(0)
end

---------------------------------------------------------------------------
-- targets (ratios of minimum ns/element, valvec32 over the peer, one run)

local SORTS = { "sort_random", "sort_sorted", "sort_reversed", "sort_few" }
local TARGETS = {
   { label = "push with growth vs std::vector", cases = { "push_grow" }, types = ALL, peer = "std", bound = 0.5 },
   { label = "push with growth vs Rust Vec", cases = { "push_grow" }, types = ALL, peer = "rust", bound = 1.0 },
   { label = "push after reserve vs Rust Vec", cases = { "push_reserve" }, types = ALL, peer = "rust", bound = 1.0 },
   { label = "push_unchecked vs plain-C raw store", cases = { "push_unchecked" }, types = POD, peer = "plainc",
     bound = 1.05 },
   { label = "iterate vs raw loop, -O2", cases = { "iterate" }, types = POD, peer = "plainc", bound = 1.05 },
   { label = "iterate vs raw loop, -O3", cases = { "iterate" }, types = POD, impl = "vv32_O3", peer = "plainc_O3",
     bound = 1.05 },
   { label = "extend (POD) vs malloc+memcpy", cases = { "extend" }, types = POD, peer = "plainc", bound = 1.05 },
   { label = "clone (POD) vs malloc+memcpy", cases = { "clone" }, types = POD, peer = "plainc", bound = 1.05 },
   { label = "sort vs qsort (>= 5x faster)", cases = SORTS, types = ALL, peer = "plainc", bound = 0.2,
     minsize = 10000 },
   { label = "sort vs std::sort", cases = SORTS, types = ALL, peer = "std", bound = 1.0, minsize = 10000 },
   { label = "sort vs Rust sort_unstable", cases = SORTS, types = ALL, peer = "rust", bound = 1.5, minsize = 10000 },
}

local function mem_stats(impl)
   local r = res[key("mem", "u32", MEM_N)]
   r = r and r[impl]
   if not r or #r.ns == 0 then return nil end
   return minimum(r.ns), r.hdr, minimum(r.heap)
end

local function target_row(t)
   local impl = t.impl or "vv32"
   local per_size, worst, worst_at, verdict = {}, nil, "", true
   local any = false
   local all = {}
   for _, n in ipairs(SIZES) do
      local w, wat
      for _, c in ipairs(t.cases) do
         for _, ty in ipairs(t.types) do
            local a = stat(c, ty, n, impl)
            local b = stat(c, ty, n, t.peer)
            if a and b then
               local q = a / b
               if not w or q > w then w, wat = q, string.format("%s %s %s", c, ty, size_name(n)) end
               if not t.minsize or n >= t.minsize then all[#all + 1] = q end
            end
         end
      end
      per_size[n] = w
      local counts = not t.minsize or n >= t.minsize
      if w and counts then
         any = true
         if not worst or w > worst then worst, worst_at = w, wat end
         if w > t.bound then verdict = false end
      end
   end
   return per_size, worst, worst_at, any and (verdict and "met" or "**missed**") or "-", median(all)
end

---------------------------------------------------------------------------
-- report

local out = {}
local function w(s) out[#out + 1] = s or "" end

local function machine()
   local cpu = first_line("grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'")
   local ncpu = first_line("nproc")
   local mem = first_line("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
   local kern = first_line("uname -sr")
   local fam = first_line("grep -m1 'cpu family' /proc/cpuinfo | sed 's/.*: //'")
   local model = first_line("grep -m1 '^model' /proc/cpuinfo | sed 's/.*: //'")
   local hv = first_line("grep -qw hypervisor /proc/cpuinfo && echo ', virtual machine'")
   return string.format("%s (family %s, model %s), %s cores, %s RAM, %s%s", cpu, fam, model, ncpu, mem,
      kern, hv or "")
end

local date = run_date
local results_md = mode == "full" and "RESULTS.md" or (build .. "/RESULTS-quick.md")
local png = mode == "full" and "results.png" or (build .. "/results-quick.png")

w("# vv32gen benchmark results")
w()
w(string.format("Run of %s (`make %s`, %d processes, %.0f s).", date,
   mode == "full" and "bench" or "bench-quick", done, elapsed))
w()
w("- Machine: " .. machine())
w("- C: `" .. first_line("gcc --version") .. "`, `gcc -O2 -falign-loops=64` (default -march)")
w("- C++: `" .. first_line("g++ --version") .. "`, `g++ -O2 -falign-loops=64`, libstdc++")
w("- Rust: `" .. first_line("rustc --version") .. "`, `rustc -O -C llvm-args=-align-loops=64`, no crates")
w("- libc: `" .. first_line("ldd --version") .. "` (every implementation uses glibc malloc)")
w("- stb_ds: Debian `libstb-dev` " .. first_line("dpkg-query -W -f='${Version}' libstb-dev"))
w("- valvec32: generated by `gen/vv32gen` from `bench/types.lua` into `bench/build/gen`")
w(string.format("- First-touch page fault (`bench/pfprobe.c`, 16 MiB, best of 5): %s ns before the run, %s ns after",
   pf_before or "?", pf_after or "?"))
w("  (bare metal: about 100-250 ns). Every case that allocates a fresh large buffer pays this per 4 KiB.")
w()
w("Reproduce: `make bench` (this file and `results.png`, under 10 minutes), `make bench-quick`")
w("(1K and 1M only, about a minute, writes `bench/build/RESULTS-quick.md`), `make -C bench smoke`")
w("(every driver, every case once at 1000 elements, checksums compared; part of `make test`).")
w("One cell by hand: `bench/build/drv_vv32 push_grow u32 1000000` prints `ns_per_element checksum`.")
w("Every run saves its per-process results in `bench/build/raw-<mode>.tsv`; `lua5.4 run.lua")
w("--mode full --from build/raw-full.tsv` (in bench/) writes this report again from them.")
w()
w("## Method")
w()
w("One driver per implementation (`drv_vv32.c`, `drv_std.cpp`, `drv_rust.rs`, `drv_stb.c`,")
w("`drv_plainc.c`), each running the same cases on the same data: a fixed-seed xorshift64")
w("implemented identically in C and Rust. Every process prints a checksum of its result;")
w("the runner compares them across implementations and processes (a mismatch fails the run),")
w("so no case can be optimised away or compute something different.")
w()
w("- A cell (case, type, size) runs as up to " .. ROUNDS .. " separate processes per implementation, one per")
w("  round. Each round walks all cells (forwards, then backwards), and inside a cell starts the")
w("  implementations at a different one every round and cell, so a noisy stretch of the shared")
w("  machine hits different implementations. Rounds after the first run what fits in the time")
w("  budget (" .. BUDGET .. " s of measuring), dropping the most expensive cells first: this run made " .. done)
w("  processes and dropped " .. skipped .. " cell-rounds (the `procs` column of each table says how many ran).")
w("- Inside a process, each sample repeats the operation until it has touched at least 2^18")
w("  elements (2^14 for strings) and the process reports its fastest sample (" ..
   (mode == "full" and "3 samples up to 1M, 1 at 10M" or "3 samples at 1K, 1 at 1M") .. ").")
w("- Time is the thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), minus the measured cost of")
w("  reading it: on this shared machine other jobs keep the load well above the 2 cores, and")
w("  wall time would charge their time slices to whichever timed region they interrupt")
w("  (a 10 ms region under a load of 8 measured about 3x too long). Page faults and the")
w("  time the hypervisor steals from the virtual CPU still count.")
w("  Tables show the minimum and the median over the processes, in ns per element; ratios")
w("  are valvec32 / peer, from the minima of the same run (median ratio in parentheses).")
w("- Owned strings are measured up to 1M: at 10M they are 10M heap blocks (about 0.5 GB a")
w("  copy) and their cells alone would exceed the time budget; they measure malloc by then.")
w("- Timed: push cases create the vector and free it (one vector at a time, so a small vector")
w("  reuses the block the last one freed); extend and clone likewise (plain C: malloc + memcpy +")
w("  free); push_unchecked refills a reserved vector (plain C: a raw `p[i] = src[i]` loop;")
w("  both compiled with `-fno-tree-loop-distribute-patterns`, which would otherwise turn the")
w("  raw loop into a memcpy call); sort sorts prepared copies; iterate, get and find run on a")
w("  built vector. Strings (`char *` with clone/drop hooks; std::string; String) are 16..47")
w("  bytes, past libstdc++'s small-string buffer, so every string owns a heap block; push")
w("  moves them in (moving them back out is not timed), extend and clone copy and drop them.")
w("- Element types: `uint32_t`, `uint64_t`, `struct rec { uint64_t key, a, b; }` (24 bytes,")
w("  ordered by key) and the owned string. stb_ds has no sort (the plain C row is qsort).")
w()

-- headline
w("## Targets")
w()
w("Ratio valvec32 / peer of the minimum ns per element; each size column shows the worst")
w("ratio over the element types (and sort inputs) of that size; `median` is the median ratio")
w("over all those cells, which one noisy cell does not move. Sort targets count 10K and up.")
w()
local hdr = "| target | bound |"
local sep = "|---|---|"
for _, n in ipairs(SIZES) do hdr = hdr .. " " .. size_name(n) .. " |"; sep = sep .. "---|" end
w(hdr .. " median | worst cell | verdict |")
w(sep .. "---|---|---|")
for _, t in ipairs(TARGETS) do
   local per, worst, wat, verdict, med = target_row(t)
   local line = string.format("| %s | %s |", t.label, (t.bound == 0.2 and "<= 0.20" or ("<= " .. fmtr(t.bound))))
   for _, n in ipairs(SIZES) do line = line .. " " .. fmtr(per[n]) .. " |" end
   w(line .. string.format(" %s | %s | %s |", fmtr(med), worst and (fmtr(worst) .. " " .. wat) or "-", verdict))
end
do
   local vb = mem_stats("vv32")
   local sb = mem_stats("std")
   local q = vb and sb and vb / sb
   local line = "| 1M small vectors: bytes vs std::vector | <= 0.67 |"
   for _ = 1, #SIZES do line = line .. " |" end
   w(line .. string.format(" %s | %s | %s |", fmtr(q), fmtr(q), q and (q <= 2 / 3 and "met" or "**missed**") or "-"))
end
w()

-- memory
w("## Memory: " .. size_name(MEM_N) .. " vectors of 1 to 8 uint32_t")
w()
w("Each vector is grown by push from empty (lengths 1 + next() % 8). Bytes per vector =")
w("the header (`sizeof`) + heap bytes in use after / " .. size_name(MEM_N) .. " (glibc `mallinfo2`: uordblks + hblkhd,")
w("which counts malloc's chunk sizes, i.e. the 8-byte chunk header and rounding included).")
w()
w("| implementation | header | heap / vector | bytes / vector | valvec32 / this |")
w("|---|---|---|---|---|")
do
   local vb = mem_stats("vv32")
   for _, impl in ipairs(BASE) do
      local b, h, heap = mem_stats(impl)
      if b then
         w(string.format("| %s | %d | %.1f | %.1f | %s |", LABEL[impl], h or 0, heap or 0, b,
            vb and fmtr(vb / b) or "-"))
      end
   end
end
w()

-- callgrind
if mode == "full" then
   w("## Instruction counts (valgrind --tool=callgrind)")
   w()
   w("`bench/cg_*.{c,cpp,rs}`: each function is a non-inlined wrapper; one valgrind run per")
   w("function with `--collect-atstart=no --toggle-collect=<function>` counts the")
   w("instructions executed inside it, callees included (realloc, memcpy). uint32_t elements.")
   w()
   local h = "| what | "
   local s = "|---|"
   for _, p in ipairs(CG_PROGS) do h = h .. LABEL[p] .. " | "; s = s .. "---|" end
   w(h)
   w(s)
   for _, f in ipairs(CG_FNS) do
      local line = "| " .. f.what .. " |"
      for _, p in ipairs(CG_PROGS) do
         local c = cg[p] and cg[p][f.fn]
         if c and f.per > 1 then line = line .. string.format(" %.2f |", c / f.per)
         elseif c then line = line .. string.format(" %d |", c)
         else line = line .. " - |" end
      end
      w(line)
   end
   w()
   w("Capacities seen by the callgrind programs (first allocation; before -> after the 1K and 1M steps):")
   w()
   for _, p in ipairs(CG_PROGS) do w(string.format("- %s: %s", LABEL[p], cg_caps[p] or "?")) end
   w()
end

-- analysis (hand-written, kept in ANALYSIS.md so a rerun does not lose it)
do
   local f = io.open("ANALYSIS.md")
   if f then
      w(f:read("a"))
      f:close()
      w()
   end
end

-- full tables
w("## All cells")
w()
w("ns per element: minimum (median) over the processes. Ratio columns: valvec32 / peer,")
w("from the minima (from the medians in parentheses).")
w()
for _, c in ipairs(CASES) do
   w("### " .. c.name .. ": " .. c.title)
   w()
   local impls = c.impls
   local peers = {}
   for _, p in ipairs(PEERS) do if contains(impls, p) then peers[#peers + 1] = p end end
   local h = "| type | n |"
   local s = "|---|---|"
   for _, impl in ipairs(impls) do h = h .. " " .. LABEL[impl] .. " |"; s = s .. "---:|" end
   for _, p in ipairs(peers) do h = h .. " vv/" .. p .. " |"; s = s .. "---:|" end
   if contains(impls, "vv32_O3") then h = h .. " vv/C -O3 |"; s = s .. "---:|" end
   w(h .. " procs |")
   w(s .. "---:|")
   for _, ty in ipairs(c.types) do
      for _, n in ipairs(SIZES) do
         local procs
         for _, impl in ipairs(impls) do
            local r = res[key(c.name, ty, n)]
            r = r and r[impl]
            local k = r and #r.ns or 0
            if not procs or k < procs then procs = k end
         end
         if procs and procs > 0 then
         local line = string.format("| %s | %s |", ty, size_name(n))
         for _, impl in ipairs(impls) do
            local mn, md = stat(c.name, ty, n, impl)
            line = line .. (mn and string.format(" %s (%s) |", fmt(mn), fmt(md)) or " - |")
         end
         local vmn, vmd = stat(c.name, ty, n, "vv32")
         local function ratio(a, am, peer)
            local pmn, pmd = stat(c.name, ty, n, peer)
            if a and pmn then return string.format(" %s (%s) |", fmtr(a / pmn), fmtr(am / pmd)) end
            return " - |"
         end
         for _, p in ipairs(peers) do line = line .. ratio(vmn, vmd, p) end
         if contains(impls, "vv32_O3") then
            local omn, omd = stat(c.name, ty, n, "vv32_O3")
            line = line .. ratio(omn, omd, "plainc_O3")
         end
         w(line .. " " .. procs .. " |")
         end
      end
   end
   w()
end

if #missing_list > 0 then
   w("## Not measured")
   w()
   w("The drivers reported these as not implemented (exit 2), e.g. a function the generated")
   w("code does not define yet:")
   w()
   for _, m in ipairs(missing_list) do w("- " .. m) end
   w()
end

if #failures > 0 or #mismatches > 0 then
   w("## Failures")
   w()
   for _, f in ipairs(failures) do w("- " .. f) end
   for _, m in ipairs(mismatches) do w("- checksum mismatch: " .. m) end
   w()
end

---------------------------------------------------------------------------
-- chart: ns/element by size for the main cases (minimum over processes)

local PANELS = {
   { "push_grow", "u32" }, { "push_reserve", "u32" }, { "push_unchecked", "u32" },
   { "iterate", "u32" }, { "extend", "u32" }, { "clone", "u32" },
   { "get", "u32" }, { "find", "u32" }, { "sort_random", "u32" },
   { "push_grow", "str" }, { "clone", "str" }, { "sort_random", "str" },
}
local pdir = build .. "/plot"
os.execute("mkdir -p " .. pdir)
local gp = {}
gp[#gp + 1] = string.format("set terminal pngcairo size 1800,1500 font ',10'\nset output '%s'", png)
gp[#gp + 1] = string.format("set multiplot layout 4,3 title 'vv32gen benchmark, ns per element (minimum), %s'",
   date)
gp[#gp + 1] = "set termoption noenhanced\nset logscale xy\nset grid\nset key top left font ',8'"
gp[#gp + 1] = "set datafile missing 'NaN'"
gp[#gp + 1] = "set xtics ('1K' 1000, '10K' 10000, '100K' 100000, '1M' 1000000, '10M' 10000000)"
gp[#gp + 1] = "set xrange [700:14000000]"
local case_impls = {}
for _, c in ipairs(CASES) do case_impls[c.name] = c.impls end
for _, pnl in ipairs(PANELS) do
   local c, ty = pnl[1], pnl[2]
   local impls = case_impls[c]
   local file = string.format("%s/%s_%s.dat", pdir, c, ty)
   local f = io.open(file, "w")
   local cols = { "n" }
   for _, impl in ipairs(impls) do cols[#cols + 1] = '"' .. LABEL[impl] .. '"' end
   f:write(table.concat(cols, " "), "\n")
   for _, n in ipairs(SIZES) do
      local row = { tostring(n) }
      for _, impl in ipairs(impls) do
         local mn = stat(c, ty, n, impl)
         row[#row + 1] = mn and string.format("%.5g", mn) or "NaN"
      end
      f:write(table.concat(row, " "), "\n")
   end
   f:close()
   gp[#gp + 1] = string.format("set title '%s, %s'", c, ty)
   gp[#gp + 1] = string.format("plot for [i=2:%d] '%s' using 1:i with linespoints lw 2 title columnheader(i)",
      #impls + 1, file)
end
gp[#gp + 1] = "unset multiplot"
local gpf = io.open(pdir .. "/results.gp", "w")
gpf:write(table.concat(gp, "\n"), "\n")
gpf:close()
local _, gok = sh("gnuplot " .. pdir .. "/results.gp 2>&1")
if not gok then io.stderr:write("gnuplot failed: see " .. pdir .. "/results.gp\n") end

w("## Chart")
w()
w(string.format("![ns per element by size](%s)", mode == "full" and "results.png" or "results-quick.png"))
w()
w("`" .. png .. "`: ns per element (minimum over processes) against the size, log-log, for the")
w("main cases; the data and the gnuplot script are in `bench/build/plot/`.")

local f = io.open(results_md, "w")
f:write(table.concat(out, "\n"), "\n")
f:close()
io.stderr:write("wrote " .. results_md .. " and " .. png .. "\n")

-- the headline on stdout
for i = 1, #out do
   if out[i] == "## Targets" then
      for j = i, #out do
         if out[j]:match("^## Memory") then break end
         print(out[j])
      end
      break
   end
end

if #failures > 0 or #mismatches > 0 then
   io.stderr:write(string.format("%d failures, %d checksum mismatches (see %s)\n", #failures, #mismatches, results_md))
   os.exit(1)
end
