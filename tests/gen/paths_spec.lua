-- vv32.paths: path arithmetic, the template directory, the generator's files.
local helpers = require "gen_helpers"
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
