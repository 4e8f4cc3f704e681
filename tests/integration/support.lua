-- tests/integration/support.lua: shell helpers for the integration specs (loaded with
-- dofile, not a spec itself). Every command runs through /bin/sh with the parent make's
-- variables removed, so `make test` with -j or -n does not leak into the builds here.
local support = {}

-- The repository root, absolute: two levels above this file.
local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."

-- Quotes a string for /bin/sh.
function support.q(s)
   return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end
local q = support.q

local CLEAN_ENV = "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES "
   .. "-u CMAKE_GENERATOR -u LUA_PATH -u LUA_PATH_5_4 -u LUA_INIT -u LUA_INIT_5_4 "
   .. "-u VV32GEN_TEMPLATES "

-- Runs a shell command (in dir, when given); returns its exit code and its combined
-- stdout and stderr.
function support.run(cmd, dir)
   local full = CLEAN_ENV .. "sh -c " .. q((dir and ("cd " .. q(dir) .. " && ") or "") .. cmd)
   local pipe = assert(io.popen(full .. " 2>&1; echo \"__rc=$?\""))
   local out = pipe:read("a")
   pipe:close()
   local code = tonumber(out:match("__rc=(%d+)%s*$"))
   out = out:gsub("__rc=%d+%s*$", "")
   return code, out
end

-- Runs a command that must succeed; returns its output, or fails the test with it.
function support.ok(cmd, dir)
   local code, out = support.run(cmd, dir)
   if code ~= 0 then
      error(("command failed (exit %s): %s\n%s"):format(tostring(code), cmd, out), 2)
   end
   return out
end

local function trim(s)
   return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

support.ROOT = trim(support.ok("cd " .. q(here .. "/../..") .. " && pwd"))
support.LUA = os.getenv("LUA") or "lua5.4"
support.CC_FLAGS = "CFLAGS=-O0"

-- A fresh temporary directory; remove it with support.remove.
function support.tempdir()
   return trim(support.ok("mktemp -d \"${TMPDIR:-/tmp}/vv32gen-it.XXXXXX\""))
end

function support.remove(dir)
   if dir and dir:match("vv32gen%-it%.") then support.run("rm -rf " .. q(dir)) end
end

-- Copies examples/<name> into dir/<name> (without anything a build left there).
function support.copy_example(name, dir)
   local dest = dir .. "/" .. name
   support.ok(("cp -R %s %s && rm -rf %s/build %s/gen %s/demo"):format(
      q(support.ROOT .. "/examples/" .. name), q(dest), q(dest), q(dest), q(dest)))
   return dest
end

-- Copies the checkout's templates into dir/templates (for VV32GEN_TEMPLATES).
function support.copy_templates(dir)
   local dest = dir .. "/templates"
   support.ok(("cp -R %s %s"):format(q(support.ROOT .. "/templates"), q(dest)))
   return dest
end

function support.exists(path)
   local code = support.run("test -e " .. q(path))
   return code == 0
end

function support.read(path)
   local f = assert(io.open(path, "rb"))
   local s = f:read("a")
   f:close()
   return s
end

function support.append(path, text)
   local f = assert(io.open(path, "ab"))
   f:write(text)
   f:close()
end

-- Sorted list of the files (not directories) under dir, relative to it.
function support.files_under(dir)
   local out = support.ok("cd " .. q(dir) .. " && find . -type f | sed 's|^\\./||' | LC_ALL=C sort")
   local files = {}
   for line in out:gmatch("[^\n]+") do files[#files + 1] = line end
   return files
end

-- Lines of text that match a Lua pattern.
function support.grep(text, pattern)
   local hits = {}
   for line in text:gmatch("[^\n]+") do
      if line:match(pattern) then hits[#hits + 1] = line end
   end
   return hits
end

-- What the example programs print.
support.DEMO_OUTPUT = "-7 0 3 7 19 42\n1x4 4x1 2x3 3x2\n"

-- A type to add to an example's spec: a new file pair must reach the program.
support.NEW_TYPE = '\nvalvec32 { name = "u16", type = "uint16_t", includes = { "<stdint.h>" } }\n'

function support.has(cmd)
   return support.run("command -v " .. cmd .. " >/dev/null") == 0
end

return support
