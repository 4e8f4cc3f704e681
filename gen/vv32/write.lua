-- vv32.write: puts rendered files on disk: atomically (temp file + rename), only when the
-- bytes change, with a per-spec manifest that lets it remove the files it no longer makes
-- and nothing else, and refuses to overwrite files it did not write; also the --check
-- diff and the --depfile. Failures are values.
local lfs = require "lfs"
local paths = require "vv32.paths"

local M = {}

local DIFF_CONTEXT = 3
local MAX_DIFF_EDITS = 1000   -- beyond this a diff shows one replaced block

-- Only names vv32gen makes may ever be removed, whatever a manifest says.
local GENERATED_NAME_PATTERNS = {
   "^valvec32_[A-Za-z][A-Za-z0-9_]*%.[ch]$",
   "^test_valvec32_[A-Za-z][A-Za-z0-9_]*%.c$",
}

-- The runtime every spec in a directory shares (vv32.render makes it for each spec): the
-- only names that two specs' manifests may both list.
local SHARED_NAMES = { ["valvec32_common.h"] = true, ["valvec32_common.c"] = true }

local function is_generated_name(name)
   for _, pattern in ipairs(GENERATED_NAME_PATTERNS) do
      if name:match(pattern) then return true end
   end
   return false
end

-- "path: reason" from io.open becomes "reason".
local function reason(message, path)
   if message:sub(1, #path + 2) == path .. ": " then return message:sub(#path + 3) end
   return message
end

-- The file's bytes, nil when there is no such file, or nil and an error.
local function read_if_exists(path)
   local mode = lfs.attributes(path, "mode")
   if mode == nil then return nil end
   if mode ~= "file" then return nil, ("cannot read %s: not a regular file"):format(path) end
   local handle, open_error = io.open(path, "rb")
   if handle == nil then
      return nil, ("cannot read %s: %s"):format(path, reason(open_error, path))
   end
   local text, read_error = handle:read("a")
   handle:close()
   if text == nil then return nil, ("cannot read %s: %s"):format(path, read_error) end
   return text
end

local function lines_of(text)
   local lines = {}
   for line in text:gmatch("[^\n]*\n?") do
      if line ~= "" then lines[#lines + 1] = line end
   end
   return lines
end

-- The entries of dir, or nil and an error (lfs.dir raises).
local function list_directory(dir)
   local ok, iterator, state = pcall(lfs.dir, dir)
   if not ok then   -- "cannot open DIR: reason"
      local message = tostring(iterator)
      local prefix = "cannot open " .. dir .. ": "
      if message:sub(1, #prefix) == prefix then message = message:sub(#prefix + 1) end
      return nil, ("cannot read directory %s: %s"):format(dir, message)
   end
   local entries = {}
   for entry in iterator, state do entries[#entries + 1] = entry end
   return entries
end

-- Removes the directories make_directories made (deepest first) if they are still empty.
local function remove_directories(made)
   for i = #made, 1, -1 do lfs.rmdir(made[i]) end
end

-- Makes dir and its missing parents. Returns the directories it made, shallowest first,
-- or nil and an error (having removed those it made).
local function make_directories(dir)
   local made = {}
   local prefix = paths.is_absolute(dir) and "/" or ""
   for segment in dir:gmatch("[^/]+") do
      prefix = prefix .. segment
      local mode = lfs.attributes(prefix, "mode")
      local problem
      if mode == nil then
         local created, mkdir_error = lfs.mkdir(prefix)
         if created then
            made[#made + 1] = prefix
         elseif lfs.attributes(prefix, "mode") ~= "directory" then
            problem = ("cannot create directory %s: %s"):format(prefix, mkdir_error)
         end
      elseif mode ~= "directory" then
         problem = ("cannot create directory %s: %s is not a directory"):format(dir, prefix)
      end
      if problem then
         remove_directories(made)
         return nil, problem
      end
      prefix = prefix .. "/"
   end
   return made
end

-- Temp files are ".<name>.<8 hex digits>.tmp" beside <name>: hidden, and never named like
-- an output. A run that dies between writing one and renaming it (SIGKILL, SIGXFSZ, a
-- crash) cannot remove it, so every run first removes the temps beside the names it may
-- write (remove_stale_temps); a concurrent run whose temp goes that way writes it again
-- (install).
local TEMP_PATTERN = "^%.(.+)%.%x%x%x%x%x%x%x%x%.tmp$"
local MAX_INSTALL_ATTEMPTS = 5

local function temp_path(path)
   return paths.join(paths.dirname(path),
      ("." .. paths.basename(path) .. ".%08x.tmp"):format(math.random(0, 0x7fffffff)))
end

-- Removes the temps in dir whose target name satisfies owned(name). Best effort: a temp
-- that cannot be removed is in a directory the writes that follow will fail on anyway.
local function remove_stale_temps(dir, owned)
   if lfs.attributes(dir, "mode") ~= "directory" then return end
   for _, entry in ipairs(list_directory(dir) or {}) do
      local name = entry:match(TEMP_PATTERN)
      if name and owned(name) and lfs.symlinkattributes(paths.join(dir, entry), "mode") == "file"
      then
         os.remove(paths.join(dir, entry))
      end
   end
end

local function is_manifest_name(name)
   return name:match("^%.vv32gen%-.+%.manifest$") ~= nil
end

-- Writes content to a new temp file beside path. Returns the temp's path, or nil and an
-- error (no temp file is left behind).
local function write_temp(path, content)
   local temp = temp_path(path)
   local handle, open_error = io.open(temp, "wb")
   if handle == nil then
      return nil, ("cannot write %s: %s"):format(path, reason(open_error, temp))
   end
   local written, write_error = handle:write(content)
   local closed, close_error = handle:close()
   if not written or not closed then
      os.remove(temp)
      return nil, ("cannot write %s: %s"):format(path, write_error or close_error)
   end
   return temp
end

-- Renames temp (holding content) to path. When the temp has gone (removed as stale by a
-- concurrent run), writes a new one and tries again. Returns true, or nil and an error;
-- no temp file is left behind either way.
local function install(temp, path, content)
   local attempts = 1
   while true do
      local renamed, rename_error = os.rename(temp, path)
      if renamed then return true end
      local message = ("cannot write %s: %s"):format(path, reason(rename_error, temp))
      if lfs.symlinkattributes(temp, "mode") ~= nil then
         os.remove(temp)
         return nil, message
      end
      if attempts == MAX_INSTALL_ATTEMPTS then return nil, message end
      attempts = attempts + 1
      local write_error
      temp, write_error = write_temp(path, content)
      if temp == nil then return nil, write_error end
   end
end

-- Replaces path with content atomically unless it already holds it. Returns
-- "written" or "unchanged", or nil and an error.
local function replace_file(path, content)
   local old, read_error = read_if_exists(path)
   if read_error then return nil, read_error end
   remove_stale_temps(paths.dirname(path), function(name) return name == paths.basename(path) end)
   if old == content then return "unchanged" end
   local temp, write_error = write_temp(path, content)
   if temp == nil then return nil, write_error end
   local installed, install_error = install(temp, path, content)
   if not installed then return nil, install_error end
   return "written"
end

-- A manifest is a spec line naming the spec that wrote it, then the names it wrote, one a
-- line. The spec is relative to the manifest's directory, so that moving a whole project
-- keeps it valid, and always has a "/", so that vv32gen.mk's clean, which removes every
-- line without one as a file, skips it. A manifest from before the spec line has only
-- names: it belongs to the spec whose name it has.
local SPEC_LINE = "# spec: "

-- { spec = the spec as recorded or nil, names = { name, ... } }
local function parse_manifest(text)
   local manifest = { names = {} }
   for _, line in ipairs(lines_of(text)) do
      line = line:gsub("\n$", "")
      if line:sub(1, #SPEC_LINE) == SPEC_LINE then
         manifest.spec = line:sub(#SPEC_LINE + 1)
      else
         manifest.names[#manifest.names + 1] = line
      end
   end
   return manifest
end

local function spec_line(dir, spec_path)
   local relative = paths.relative(paths.resolve(dir), paths.resolve(spec_path))
   if not relative:find("/", 1, true) then relative = "./" .. relative end
   return SPEC_LINE .. relative .. "\n"
end

-- The resolved path of the spec a manifest in dir records; nil when it records none.
local function recorded_spec(dir, manifest)
   return manifest.spec and paths.resolve(paths.join(dir, manifest.spec))
end

-- A resolved path as messages show it: relative to the working directory.
local function relative_to_cwd(resolved)
   return paths.relative(paths.resolve("."), resolved)
end

-- The names the other specs' manifests in dir list: name -> { manifest = its path,
-- spec = the resolved spec it records or nil }, from the first manifest by name.
local function names_listed_elsewhere(dir, own_manifest)
   local listed = {}
   if lfs.attributes(dir, "mode") ~= "directory" then return listed end
   local entries, list_error = list_directory(dir)
   if entries == nil then return nil, list_error end
   local manifests = {}
   for _, entry in ipairs(entries) do
      if entry ~= own_manifest and is_manifest_name(entry) then
         manifests[#manifests + 1] = entry
      end
   end
   table.sort(manifests)
   for _, name in ipairs(manifests) do
      local path = paths.join(dir, name)
      local text, read_error = read_if_exists(path)
      if read_error then return nil, read_error end
      local manifest = parse_manifest(text or "")
      local owner = { manifest = path, spec = recorded_spec(dir, manifest) }
      for _, listed_name in ipairs(manifest.names) do
         listed[listed_name] = listed[listed_name] or owner
      end
   end
   return listed
end

-- Why this spec may not write path (whose bytes on disk are old, or nil), or nil. Design:
-- files vv32gen did not write are never touched. So: not another spec's file (bar the
-- shared runtime), whether or not it exists now; and not a file no manifest lists,
-- unless its bytes would stay the same (outputs whose manifest was lost).
local function ownership_error(path, name, old, content, spec_path, ours, other)
   if other and not SHARED_NAMES[name] then
      local owner = other.spec and "the spec " .. relative_to_cwd(other.spec) or "another spec"
      return ("%s belongs to %s (%s lists it), not to %s: declare each type in only one"
         .. " spec per output directory"):format(path, owner, other.manifest, spec_path)
   end
   if old ~= nil and old ~= content and not other and not ours then
      return ("%s exists and no vv32gen manifest beside it lists it: vv32gen does not"
         .. " overwrite a file it did not write (move it away to generate it)"):format(path)
   end
end

-- ".vv32gen-types.manifest" for "some/dir/types.lua".
function M.manifest_name(spec_path)
   local base = paths.basename(spec_path)
   return ".vv32gen-" .. (base:match("^(.+)%.lua$") or base) .. ".manifest"
end

-- Compares files ({ { name =, content = } }), the outputs of the spec at spec_path, with
-- dir. Returns the plan, or nil and an error:
--   { dir =, files = { { name =, content =, old = bytes on disk or nil } },
--     manifest = { name =, content =, old = }, stale = { { name =, old = } } }
-- An error too when the manifest of this spec's name records another spec, or when a
-- file would overwrite one this spec did not write (ownership_error).
-- Stale files: named in this spec's old manifest, no longer produced, named like an
-- output, and not in another spec's manifest in dir.
function M.plan(dir, files, spec_path)
   local manifest_name = M.manifest_name(spec_path)
   local manifest_path = paths.join(dir, manifest_name)
   local old_manifest, read_error = read_if_exists(manifest_path)
   if read_error then return nil, read_error end
   local own = parse_manifest(old_manifest or "")
   local recorded = recorded_spec(dir, own)
   if recorded and recorded ~= paths.resolve(spec_path) then
      return nil, ("%s belongs to the spec %s, not to %s: give the two specs different names"
         .. " or output directories"):format(manifest_path, relative_to_cwd(recorded), spec_path)
   end
   local ours = {}
   for _, name in ipairs(own.names) do ours[name] = true end
   local listed_elsewhere, listing_error = names_listed_elsewhere(dir, manifest_name)
   if listed_elsewhere == nil then return nil, listing_error end

   local plan = { dir = dir, files = {}, stale = {} }
   local produced, lines = {}, { spec_line(dir, spec_path) }
   for i, file in ipairs(files) do
      local path = paths.join(dir, file.name)
      local old, file_error = read_if_exists(path)
      if file_error then return nil, file_error end
      local refused = ownership_error(path, file.name, old, file.content, spec_path,
         ours[file.name], listed_elsewhere[file.name])
      if refused then return nil, refused end
      plan.files[i] = { name = file.name, content = file.content, old = old }
      produced[file.name] = true
      lines[#lines + 1] = file.name .. "\n"
   end
   plan.manifest = { name = manifest_name, content = table.concat(lines), old = old_manifest }

   for _, name in ipairs(own.names) do
      if not produced[name] and is_generated_name(name) and not listed_elsewhere[name] then
         produced[name] = true
         local path = paths.join(dir, name)
         if lfs.attributes(path, "mode") == "file" then
            local old, stale_error = read_if_exists(path)
            if stale_error then return nil, stale_error end
            plan.stale[#plan.stale + 1] = { name = name, old = old }
         end
      end
   end
   return plan
end

-- Carries out a plan. Every changed file is first written to a temp file; only when all
-- are written are they renamed into place, stale files removed, and the manifest renamed
-- last. Returns { { path =, action = "written" | "unchanged" | "removed" } } in that order,
-- or nil and an error; on error no temp file is left behind, nor a directory it made that
-- is still empty. It first removes the temps a killed run left beside any output or
-- manifest name, so none outlives the next run.
function M.apply(plan)
   local made, mkdir_error = make_directories(plan.dir)
   if not made then return nil, mkdir_error end
   remove_stale_temps(plan.dir, function(name)
      return is_generated_name(name) or is_manifest_name(name)
   end)
   local entries = { table.unpack(plan.files) }
   entries[#entries + 1] = plan.manifest
   local temps, actions = {}, {}
   -- On error: removes the temps not yet renamed, and the directories made if still empty.
   local function abandon()
      for _, temp in pairs(temps) do os.remove(temp) end
      remove_directories(made)
   end
   for i, entry in ipairs(entries) do
      local path = paths.join(plan.dir, entry.name)
      actions[i] = { path = path, action = entry.old == entry.content and "unchanged" or "written" }
      if entry.old ~= entry.content then
         local temp, write_error = write_temp(path, entry.content)
         if temp == nil then
            abandon()
            return nil, write_error
         end
         temps[entry] = temp
      end
   end
   for i, entry in ipairs(plan.files) do
      if temps[entry] then
         local temp = temps[entry]
         temps[entry] = nil
         local installed, install_error = install(temp, actions[i].path, entry.content)
         if not installed then
            abandon()
            return nil, install_error
         end
      end
   end
   local manifest_action = table.remove(actions)
   for _, stale in ipairs(plan.stale) do
      local path = paths.join(plan.dir, stale.name)
      local removed, remove_error = os.remove(path)
      -- Gone already (a concurrent run of the same spec removed it) is as good as removed.
      if not removed and lfs.symlinkattributes(path, "mode") ~= nil then
         abandon()
         return nil, ("cannot remove %s: %s"):format(path, reason(remove_error, path))
      end
      actions[#actions + 1] = { path = path, action = "removed" }
   end
   actions[#actions + 1] = manifest_action
   if temps[plan.manifest] then
      local installed, install_error = install(temps[plan.manifest], manifest_action.path,
         plan.manifest.content)
      if not installed then return nil, install_error end
   end
   return actions
end

-- Myers' O(ND) diff of two line arrays, as a list of { kind = " " | "-" | "+", text = }.
local function edit_script(old, new)
   local prefix = 0
   while prefix < #old and prefix < #new and old[prefix + 1] == new[prefix + 1] do
      prefix = prefix + 1
   end
   local suffix = 0
   while suffix < #old - prefix and suffix < #new - prefix
      and old[#old - suffix] == new[#new - suffix] do
      suffix = suffix + 1
   end
   local n, m = #old - prefix - suffix, #new - prefix - suffix
   local function a(i) return old[prefix + i] end
   local function b(j) return new[prefix + j] end

   local reversed = {}
   local trace, v, found = {}, { [1] = 0 }, false
   for d = 0, math.min(n + m, MAX_DIFF_EDITS) do
      local snapshot = {}
      for k = -d, d do snapshot[k] = v[k] end
      trace[d] = snapshot
      for k = -d, d, 2 do
         local x
         if k == -d or (k ~= d and (v[k - 1] or -1) < (v[k + 1] or -1)) then
            x = v[k + 1]
         else
            x = v[k - 1] + 1
         end
         local y = x - k
         while x < n and y < m and a(x + 1) == b(y + 1) do x, y = x + 1, y + 1 end
         v[k] = x
         if x >= n and y >= m then found = true break end
      end
      if found then break end
   end

   if found then
      local x, y = n, m
      for d = #trace, 0, -1 do
         local previous = trace[d]
         local k = x - y
         local previous_k
         if k == -d or (k ~= d and (previous[k - 1] or -1) < (previous[k + 1] or -1)) then
            previous_k = k + 1
         else
            previous_k = k - 1
         end
         local previous_x = previous[previous_k] or 0
         local previous_y = previous_x - previous_k
         while x > previous_x and y > previous_y do
            reversed[#reversed + 1] = { kind = " ", text = a(x) }
            x, y = x - 1, y - 1
         end
         if d > 0 then
            if x == previous_x then
               reversed[#reversed + 1] = { kind = "+", text = b(y) }
            else
               reversed[#reversed + 1] = { kind = "-", text = a(x) }
            end
         end
         x, y = previous_x, previous_y
      end
   else
      for j = m, 1, -1 do reversed[#reversed + 1] = { kind = "+", text = b(j) } end
      for i = n, 1, -1 do reversed[#reversed + 1] = { kind = "-", text = a(i) } end
   end

   local script = {}
   for i = 1, prefix do script[#script + 1] = { kind = " ", text = old[i] } end
   for i = #reversed, 1, -1 do script[#script + 1] = reversed[i] end
   for i = #old - suffix + 1, #old do script[#script + 1] = { kind = " ", text = old[i] } end
   return script
end

local function hunk_range(start, count)
   if count == 1 then return tostring(start) end
   return ("%d,%d"):format(count == 0 and start - 1 or start, count)
end

-- A unified diff from old to new (strings) with 3 lines of context; "" when equal.
function M.unified_diff(old, new, old_label, new_label)
   if old == new then return "" end
   local script = edit_script(lines_of(old), lines_of(new))
   local old_line, new_line = {}, {}   -- line numbers at each op
   local o, n = 1, 1
   for i, op in ipairs(script) do
      old_line[i], new_line[i] = o, n
      if op.kind ~= "+" then o = o + 1 end
      if op.kind ~= "-" then n = n + 1 end
   end
   local out = { "--- " .. old_label .. "\n", "+++ " .. new_label .. "\n" }
   local i = 1
   while i <= #script do
      if script[i].kind == " " then
         i = i + 1
      else
         local first, last_change, j = math.max(1, i - DIFF_CONTEXT), i, i
         while j <= #script and j - last_change <= 2 * DIFF_CONTEXT do
            if script[j].kind ~= " " then last_change = j end
            j = j + 1
         end
         local last = math.min(#script, last_change + DIFF_CONTEXT)
         local old_count, new_count, body = 0, 0, {}
         for k = first, last do
            local op = script[k]
            if op.kind ~= "+" then old_count = old_count + 1 end
            if op.kind ~= "-" then new_count = new_count + 1 end
            local text = op.text
            if text:sub(-1) ~= "\n" then text = text .. "\n\\ No newline at end of file\n" end
            body[#body + 1] = op.kind .. text
         end
         out[#out + 1] = ("@@ -%s +%s @@\n"):format(hunk_range(old_line[first], old_count),
            hunk_range(new_line[first], new_count))
         out[#out + 1] = table.concat(body)
         i = last + 1
      end
   end
   return table.concat(out)
end

-- The diff from disk to the plan, for --check: "" when everything is fresh. Paths show
-- as dir/name with the directory as given.
function M.diff(plan)
   local out = {}
   local entries = { table.unpack(plan.files) }
   entries[#entries + 1] = plan.manifest
   for _, entry in ipairs(entries) do
      local shown = paths.join(plan.dir, entry.name)
      out[#out + 1] = M.unified_diff(entry.old or "", entry.content,
         entry.old and "a/" .. shown or "/dev/null", "b/" .. shown)
   end
   for _, stale in ipairs(plan.stale) do
      local shown = paths.join(plan.dir, stale.name)
      out[#out + 1] = M.unified_diff(stale.old, "", "a/" .. shown, "/dev/null")
   end
   return table.concat(out)
end

-- GNU make reads "\ ", "\#" and "\:" as a space, "#" and ":" in targets and prerequisites,
-- and "$$" as "$".
local function make_escape(path)
   return (path:gsub("%$", "$$"):gsub("([ #:])", "\\%1"))
end

-- Whether a depfile can be written at path; checked before any output is written, so
-- that a bad --depfile writes nothing. Its directory must exist, or be out_dir, which
-- apply makes. Returns true, or nil and an error.
function M.check_depfile(path, out_dir)
   local function refused(why) return nil, ("cannot write %s: %s"):format(path, why) end
   local mode = lfs.attributes(path, "mode")
   if mode ~= nil and mode ~= "file" then return refused("not a regular file") end
   local dir = paths.dirname(path)
   local dir_mode = lfs.attributes(dir, "mode")
   if dir_mode == nil and paths.resolve(dir) ~= paths.resolve(out_dir) then
      return refused("No such file or directory")
   end
   if dir_mode ~= nil and dir_mode ~= "directory" then return refused("Not a directory") end
   return true
end

-- Writes a Make depfile (targets depend on prerequisites, each prerequisite also a phony
-- target so a deleted one does not stop make), only when its bytes change.
function M.depfile(path, targets, prerequisites)
   local lines = {}
   for i, target in ipairs(targets) do
      local last = i == #targets
      lines[#lines + 1] = make_escape(target)
         .. (not last and " \\" or #prerequisites > 0 and ": \\" or ":")
   end
   for i, prerequisite in ipairs(prerequisites) do
      lines[#lines + 1] = "  " .. make_escape(prerequisite) .. (i < #prerequisites and " \\" or "")
   end
   for _, prerequisite in ipairs(prerequisites) do
      lines[#lines + 1] = ""
      lines[#lines + 1] = make_escape(prerequisite) .. ":"
   end
   local written, write_error = replace_file(path, table.concat(lines, "\n") .. "\n")
   if not written then return nil, write_error end
   return true
end

return M
