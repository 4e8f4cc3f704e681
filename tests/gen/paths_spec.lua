-- vv32.paths: path arithmetic, resolved paths, the template directory, the generator's files.
local helpers = require "gen_helpers"
local lfs = require "lfs"
local paths = require "vv32.paths"

describe("vv32.paths", function()
   it("splits and joins paths as given", function()
      assert.equal("a/b", paths.dirname("a/b/c.lua"))
      assert.equal(".", paths.dirname("c.lua"))
      assert.equal("/", paths.dirname("/c.lua"))
      assert.equal("c.lua", paths.basename("a/b/c.lua"))
      assert.equal("x", paths.join(".", "x"))
      assert.equal("a/x", paths.join("a", "x"))
      assert.equal("a/x", paths.join("a/", "x"))
      assert.equal("/x", paths.join("a", "/x"))
      assert.is_true(paths.is_absolute("/a"))
      assert.is_false(paths.is_absolute("a"))
   end)

   describe("resolve", function()
      local dir
      before_each(function() dir = helpers.tmpdir() end)
      after_each(function() helpers.rmtree(dir) end)

      local function ln(target, name)
         assert(os.execute(("ln -s %s %s"):format(helpers.shell_quote(target),
            helpers.shell_quote(dir .. "/" .. name))))
      end

      it("makes paths absolute and drops . and ..", function()
         assert.equal("/a/c", paths.resolve("/a/./b/../c/"))
         assert.equal("/", paths.resolve("/.."))
         assert.equal(lfs.currentdir() .. "/x", paths.resolve("./x"))
      end)

      it("follows symbolic links as the kernel does, keeping what does not exist", function()
         local real = paths.resolve(dir)
         assert(lfs.mkdir(dir .. "/a"))
         assert(lfs.mkdir(dir .. "/a/b"))
         ln("a/b", "rel")
         ln(real .. "/a", "abs")
         ln("rel/../../a", "chain")
         assert.equal(real .. "/a/b/new/x.lua", paths.resolve(dir .. "/rel/new/x.lua"))
         assert.equal(real .. "/a", paths.resolve(dir .. "/rel/.."))   -- not dir
         assert.equal(real .. "/a/b", paths.resolve(dir .. "/abs/b"))
         assert.equal(real .. "/a", paths.resolve(dir .. "/chain"))
      end)

      it("stops following a loop of links", function()
         ln("loop", "loop")
         assert.equal(paths.resolve(dir) .. "/loop", paths.resolve(dir .. "/loop"))
      end)
   end)

   it("gives the relative path from a directory to a file", function()
      assert.equal("../lib/types.lua", paths.relative("/p/gen", "/p/lib/types.lua"))
      assert.equal("types.lua", paths.relative("/p", "/p/types.lua"))
      assert.equal("../..", paths.relative("/p/a/b", "/p"))
      assert.equal(".", paths.relative("/p", "/p"))
      assert.equal("p/x", paths.relative("/", "/p/x"))
      assert.equal("../pq", paths.relative("/p", "/pq"))
   end)

   it("prefers VV32GEN_TEMPLATES", function()
      assert.equal("/t", paths.templates_dir("gen/vv32gen", function() return "/t" end))
   end)

   it("finds the repository's templates beside the script", function()
      if not helpers.exists(helpers.REAL_TEMPLATES .. "/valvec32.h.tpl") then
         pending("the real templates are not there yet")
         return
      end
      local dir = paths.templates_dir(helpers.SCRIPT, function() return nil end)
      assert.equal(helpers.ROOT .. "/gen/../templates", dir)
   end)

   it("finds an installed layout", function()
      local prefix = helpers.tmpdir()
      os.execute(("mkdir -p %s/bin %s/share/vv32gen/templates"):format(prefix, prefix))
      helpers.write(prefix .. "/share/vv32gen/templates/valvec32.h.tpl", "")
      local dir = paths.templates_dir(prefix .. "/bin/vv32gen", function() return "" end)
      helpers.rmtree(prefix)
      assert.equal(prefix .. "/bin/../share/vv32gen/templates", dir)
   end)

   it("says where it looked when there are no templates", function()
      local dir, message = paths.templates_dir("/nonexistent/bin/vv32gen", function() end)
      assert.is_nil(dir)
      assert.equal("cannot find the templates (tried /nonexistent/bin/../templates,"
         .. " /nonexistent/bin/../share/vv32gen/templates; set VV32GEN_TEMPLATES)", message)
   end)

   it("lists the script and every module, sorted", function()
      local files = paths.generator_files("gen/vv32gen")
      assert.equal("gen/vv32gen", files[1])
      local names = {}
      for i = 2, #files do names[#names + 1] = paths.basename(files[i]) end
      assert.same({ "cli.lua", "ctype.lua", "model.lua", "paths.lua", "render.lua", "spec.lua",
         "validate.lua", "write.lua" }, names)
      for i = 2, #files do assert.is_true(helpers.exists(files[i])) end
   end)
end)
