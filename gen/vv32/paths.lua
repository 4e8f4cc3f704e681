-- vv32.paths: the one place that knows where things are: path arithmetic on strings,
-- the template directory (repository layout, installed layout, VV32GEN_TEMPLATES) and
-- the generator's own files (for --depfile). No I/O except probing for files.
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
