-- vv32.paths: the one place that knows where things are: path arithmetic on strings,
-- the template directory (repository layout, installed layout, VV32GEN_TEMPLATES) and
-- the generator's own files (for --depfile), resolved paths. No I/O except probing for files.
local lfs = require "lfs"

local M = {}

M.TEMPLATES_ENV = "VV32GEN_TEMPLATES"

-- Templates relative to the script's directory: the repository (gen/vv32gen next to
-- templates/), then an installed prefix (bin/vv32gen next to share/vv32gen/templates).
local TEMPLATE_LAYOUTS = { "../templates", "../share/vv32gen/templates" }
local PROBE_TEMPLATE = "valvec32.h.tpl"

function M.is_absolute(path)
   return path:sub(1, 1) == "/"
end

-- "a/b/c.lua" -> "a/b"; "c.lua" -> "."; "/c.lua" -> "/".
function M.dirname(path)
   local dir = path:match("^(.*)/[^/]*$")
   if dir == nil then return "." end
   if dir == "" then return "/" end
   return dir
end

function M.basename(path)
   return path:match("([^/]*)$")
end

-- Joins as given, without normalising: "." disappears, an absolute tail wins.
function M.join(dir, name)
   if M.is_absolute(name) or dir == "." or dir == "" then return name end
   if dir:sub(-1) == "/" then return dir .. name end
   return dir .. "/" .. name
end

local function components(path)
   local parts = {}
   for part in path:gmatch("[^/]+") do parts[#parts + 1] = part end
   return parts
end

-- Linux's limit on symbolic links in one lookup (ELOOP); past it, links stay as named.
local MAX_SYMLINKS = 40

-- The absolute path that path names, with ".", ".." and symbolic links resolved the way
-- the kernel resolves them, and whatever does not exist yet kept as written (realpath -m).
-- Two paths name the same file when they resolve to the same string.
function M.resolve(path)
   if not M.is_absolute(path) then
      -- A removed working directory has no name: resolve from "/", as nothing will open.
      path = (lfs.currentdir() or "") .. "/" .. path
   end
   local resolved, pending, links = {}, {}, 0
   local function walk_next(prefix)   -- prefix's components are walked before the rest
      local parts = components(prefix)
      for i = #parts, 1, -1 do pending[#pending + 1] = parts[i] end
   end
   walk_next(path)
   while #pending > 0 do
      local part = table.remove(pending)
      if part == ".." then
         table.remove(resolved)
      elseif part ~= "." then
         resolved[#resolved + 1] = part
         local target = links < MAX_SYMLINKS
            and lfs.symlinkattributes("/" .. table.concat(resolved, "/"), "target")
         if target then
            links = links + 1
            table.remove(resolved)
            if M.is_absolute(target) then resolved = {} end
            walk_next(target)
         end
      end
   end
   return "/" .. table.concat(resolved, "/")
end

-- The path from the directory from to to, both resolved: "../lib/types.lua"; "." when equal.
function M.relative(from, to)
   local from_parts, to_parts = components(from), components(to)
   local common = 0
   while common < #from_parts and common < #to_parts
      and from_parts[common + 1] == to_parts[common + 1] do
      common = common + 1
   end
   local parts = {}
   for _ = common + 1, #from_parts do parts[#parts + 1] = ".." end
   for i = common + 1, #to_parts do parts[#parts + 1] = to_parts[i] end
   if #parts == 0 then return "." end
   return table.concat(parts, "/")
end

local function is_file(path)
   return lfs.attributes(path, "mode") == "file"
end

-- Returns the template directory, or nil and why none was found.
-- getenv is os.getenv or a stand-in (tests cannot set the environment in-process).
function M.templates_dir(script_path, getenv)
   local override = getenv(M.TEMPLATES_ENV)
   if override ~= nil and override ~= "" then return override end
   local script_dir = M.dirname(script_path)
   local tried = {}
   for _, layout in ipairs(TEMPLATE_LAYOUTS) do
      local dir = M.join(script_dir, layout)
      if is_file(M.join(dir, PROBE_TEMPLATE)) then return dir end
      tried[#tried + 1] = dir
   end
   return nil, ("cannot find the templates (tried %s; set %s)")
      :format(table.concat(tried, ", "), M.TEMPLATES_ENV)
end

-- The script and every vv32/*.lua module beside this one, sorted by name, with the
-- directory this module was loaded from (as given: deterministic for given arguments).
function M.generator_files(script_path)
   local files = { script_path }
   local module_dir = M.dirname(debug.getinfo(1, "S").source:sub(2))
   local names = {}
   for entry in lfs.dir(module_dir) do
      if entry:match("^[%w_]+%.lua$") then names[#names + 1] = entry end
   end
   table.sort(names)
   for _, name in ipairs(names) do files[#files + 1] = M.join(module_dir, name) end
   return files
end

return M
