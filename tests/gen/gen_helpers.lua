-- Shared by the generator's busted specs: repository paths, temp directories, files, and
-- running vv32gen both in-process (cli.main) and as a real process (io.popen).
local lfs = require "lfs"
local cli = require "vv32.cli"

local M = {}

local function absolute(path)
   if path:sub(1, 1) == "/" then return path end
   return lfs.currentdir() .. "/" .. path:gsub("^%./", "")
end

M.ROOT = absolute(debug.getinfo(1, "S").source:sub(2)):match("^(.*)/tests/gen/[^/]*$")
M.SCRIPT = M.ROOT .. "/gen/vv32gen"
M.FIXTURES = M.ROOT .. "/tests/gen/fixtures"
M.TEMPLATES = M.FIXTURES .. "/templates"
M.REAL_TEMPLATES = M.ROOT .. "/templates"
M.RUNNING_AS_ROOT = io.popen("id -u"):read("l") == "0"

function M.read(path)
   local file = assert(io.open(path, "rb"))
   local text = file:read("a")
   file:close()
   return text
end

function M.write(path, text)
   local file = assert(io.open(path, "wb"))
   assert(file:write(text))
   assert(file:close())
end

function M.exists(path)
   return lfs.attributes(path, "mode") ~= nil
end

function M.shell_quote(text)
   return "'" .. text:gsub("'", "'\\''") .. "'"
end

function M.chmod(path, mode)
   assert(os.execute(("chmod %s %s"):format(mode, M.shell_quote(path))))
end

function M.tmpdir()
   local path = os.tmpname()
   os.remove(path)
   assert(lfs.mkdir(path))
   return path
end

function M.rmtree(path)
   local mode = lfs.symlinkattributes(path, "mode")
   if mode == "directory" then
      for entry in lfs.dir(path) do
         if entry ~= "." and entry ~= ".." then M.rmtree(path .. "/" .. entry) end
      end
      assert(lfs.rmdir(path))
   elseif mode then
      assert(os.remove(path))
   end
end

-- Sorted names in dir (hidden ones too), or {} when it does not exist.
function M.list(dir)
   local names = {}
   if lfs.attributes(dir, "mode") ~= "directory" then return names end
   for entry in lfs.dir(dir) do
      if entry ~= "." and entry ~= ".." then names[#names + 1] = entry end
   end
   table.sort(names)
   return names
end

-- name -> bytes for every file in dir.
function M.contents(dir)
   local files = {}
   for _, name in ipairs(M.list(dir)) do files[name] = M.read(dir .. "/" .. name) end
   return files
end

-- Runs fn with dir as the working directory, restoring it even when fn fails.
function M.in_dir(dir, fn)
   local previous = lfs.currentdir()
   assert(lfs.chdir(dir))
   local results = table.pack(pcall(fn))
   assert(lfs.chdir(previous))
   if not results[1] then error(results[2], 0) end
   return table.unpack(results, 2, results.n)
end

local function collector()
   local parts = {}
   return {
      write = function(self, ...)
         for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
         return self
      end,
      text = function() return table.concat(parts) end,
   }
end

-- cli.main with argv (a list; argv[0] is the real script), the fixture templates unless
-- options.templates, and options.limits. Returns code, stdout, stderr.
function M.run(argv, options)
   options = options or {}
   local args = { [0] = options.script or M.SCRIPT }
   for i, value in ipairs(argv) do args[i] = value end
   local stdout, stderr = collector(), collector()
   local templates = options.templates or M.TEMPLATES
   local code = cli.main(args, {
      stdout = stdout, stderr = stderr, limits = options.limits,
      getenv = function(name)
         if name == "VV32GEN_TEMPLATES" then return templates end
         return os.getenv(name)
      end,
   })
   return code, stdout.text(), stderr.text()
end


-- Runs the real script in dir with args (a list), the fixture templates unless
-- templates is given. Returns exit code, stdout, stderr.
function M.run_script(dir, args, templates)
   local quoted = {}
   for i, value in ipairs(args) do quoted[i] = M.shell_quote(value) end
   local err_path = os.tmpname()
   local command = ("cd %s && VV32GEN_TEMPLATES=%s lua5.4 %s %s 2>%s"):format(
      M.shell_quote(dir), M.shell_quote(templates or M.TEMPLATES), M.shell_quote(M.SCRIPT),
      table.concat(quoted, " "), M.shell_quote(err_path))
   local pipe = assert(io.popen(command))
   local stdout = pipe:read("a")
   local _, _, code = pipe:close()
   local stderr = M.read(err_path)
   os.remove(err_path)
   return code, stdout, stderr
end

-- A spec file named name (default types.lua) holding source, in dir. Returns its path.
function M.spec_file(dir, source, name)
   local path = dir .. "/" .. (name or "types.lua")
   M.write(path, source)
   return path
end

M.GOOD_SPEC = M.read(M.FIXTURES .. "/good/types.lua")

return M
