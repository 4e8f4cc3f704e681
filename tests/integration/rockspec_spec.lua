-- vv32gen-scm-1.rockspec: lists every module, and `luarocks make` installs a working
-- vv32gen into a temporary tree. The dependencies (luafilesystem, penlight, argparse)
-- come from Debian's lua-* packages, which LuaRocks does not see, so the install runs
-- with --deps-mode none; the modules then load from Debian's path, as they would for a
-- user whose rocks tree holds them.
local support = dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/") or ".")
   .. "/support.lua")
local q, ok = support.q, support.ok

local ROCKSPEC = support.ROOT .. "/vv32gen-scm-1.rockspec"
local LUAROCKS = "luarocks --lua-version 5.4"

local function load_rockspec()
   local env = {}
   local chunk = assert(loadfile(ROCKSPEC, "t", env))
   chunk()
   return env
end

describe("vv32gen-scm-1.rockspec", function()
   it("names every module in gen/vv32/ and the launcher", function()
      local spec = load_rockspec()
      assert.are.equal("vv32gen", spec.package)
      assert.are.equal("scm-1", spec.version)
      local want = {}
      for name in ok("ls " .. q(support.ROOT .. "/gen/vv32")):gmatch("[^\n]+") do
         local module = name:match("^(.*)%.lua$")
         if module then want["vv32." .. module] = "gen/vv32/" .. name end
      end
      assert.are.same(want, spec.build.modules)
      assert.are.equal("gen/vv32gen", spec.build.install.bin.vv32gen)
   end)

   describe("installed with luarocks make into a temporary tree", function()
      local tmp, tree, work, env

      setup(function()
         tmp = support.tempdir()
         tree = tmp .. "/tree"
         work = tmp .. "/work"
         ok("mkdir -p " .. q(work))
         -- luarocks make builds in the current directory: a copy keeps the checkout
         -- untouched.
         ok(("cp %s %s/ && cp -R %s %s %s/"):format(q(ROCKSPEC), q(tmp),
            q(support.ROOT .. "/gen"), q(support.ROOT .. "/templates"), q(tmp)))
         ok(("mkdir -p %s/cmake %s/doc && cp %s/cmake/* %s/cmake/ && cp %s/doc/* %s/doc/")
            :format(q(tmp), q(tmp), q(support.ROOT), q(tmp), q(support.ROOT), q(tmp)))
         ok(LUAROCKS .. " make --tree " .. q(tree) .. " --deps-mode none vv32gen-scm-1.rockspec",
            tmp)
         env = "eval \"$(" .. LUAROCKS .. " path --tree " .. q(tree) .. ")\" && "
      end)

      teardown(function()
         support.remove(tmp)
      end)

      it("registers the rock", function()
         assert.matches("vv32gen", ok(LUAROCKS .. " list --tree " .. q(tree) .. " --porcelain"))
      end)

      it("gives a vv32gen that generates C that compiles", function()
         local bin = q(tree .. "/bin/vv32gen")
         assert.matches("^vv32gen %d", ok(env .. bin .. " --version", work))
         local f = assert(io.open(work .. "/types.lua", "w"))
         f:write('valvec32 { name = "u8", type = "uint8_t", includes = { "<stdint.h>" } }\n')
         f:close()
         ok(env .. bin .. " -q -o out --depfile out.d types.lua", work)
         ok("gcc -std=c99 -Wall -Werror -c -Iout out/valvec32_u8.c -o /dev/null", work)
         -- The modules and templates it used are the tree's, not the checkout's.
         local depfile = support.read(work .. "/out.d")
         assert.matches(tree .. "/lib/luarocks/rocks-5.4/vv32gen/scm-1/bin/../templates/",
            depfile, 1, true)
         assert.matches(tree .. "/share/lua/5.4/vv32/cli.lua", depfile, 1, true)
         assert.is_nil(depfile:find(support.ROOT .. "/", 1, true))
      end)

      it("removes cleanly", function()
         ok(LUAROCKS .. " remove --tree " .. q(tree) .. " vv32gen")
         assert.are.same({}, support.grep(table.concat(support.files_under(tree), "\n"), "vv32"))
      end)
   end)
end)
