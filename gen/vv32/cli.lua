-- vv32.cli: the command line. Parses the options, runs spec -> validate -> model ->
-- render -> write, and is the only module that prints or picks an exit code.
local argparse = require "argparse"
local model = require "vv32.model"
local paths = require "vv32.paths"
local render = require "vv32.render"
local spec = require "vv32.spec"
local validate = require "vv32.validate"
local write = require "vv32.write"

local M = {}

M.EXIT = { ok = 0, spec_or_check_failed = 1, usage_or_io_error = 2 }

local HELP = [[
Usage: vv32gen [options] SPEC

Generates a typed C vector valvec32_<name> for every type a Lua spec declares.

Options:
  -o, --output DIR     output directory (overrides the spec's output)
  --check              write nothing; exit 1 and print a unified diff
                       (from the file on disk to what would be written)
                       if any output is missing, different, or stale;
                       exit 0 and no diff when all is fresh
  --list-outputs       print the files it would write, one a line
  --depfile FILE       write a Make-style depfile (the outputs depend on
                       the spec, the templates and the generator's modules)
  --no-tests           do not emit the Criterion suites
  -q, --quiet          print nothing but errors (with --check: no diff)
  -v, --verbose        print one line per file written, unchanged or removed
  -h, --help           show this help and exit
  --version            show the version and exit

Exit status: 0 ok; 1 spec error or --check found a difference; 2 usage or I/O error
(also a file in the output directory that vv32gen did not write, or another spec's).
The environment variable VV32GEN_TEMPLATES overrides the template directory.]]

local VERBS = { written = "wrote", unchanged = "unchanged", removed = "removed" }

local function new_parser()
   local parser = argparse("vv32gen"):add_help(false):help(HELP)
   parser:argument("spec"):args("?")
   parser:option("-o --output"):overwrite(false)
   parser:flag("--no-tests")
   parser:flag("-h --help")
   parser:flag("--version")
   parser:mutex(parser:flag("-q --quiet"), parser:flag("-v --verbose"))
   parser:mutex(parser:flag("--check"), parser:flag("--list-outputs"),
      parser:option("--depfile"):overwrite(false))
   return parser
end

-- Where outputs go: -o as given, else the spec's output beside the spec, else beside it.
local function output_dir(options, validated)
   if options.output then return options.output end
   local spec_dir = paths.dirname(options.spec)
   if validated.output then return paths.join(spec_dir, validated.output) end
   return spec_dir
end

-- The depfile's rule: every output depends on the spec, the templates and the generator.
local function depfile_rule(script, spec_path, dir, files, templates_dir, template_files)
   local targets, prerequisites = {}, { spec_path }
   for i, file in ipairs(files) do targets[i] = paths.join(dir, file.name) end
   for _, file in ipairs(template_files) do
      prerequisites[#prerequisites + 1] = paths.join(templates_dir, file)
   end
   for _, file in ipairs(paths.generator_files(script)) do
      prerequisites[#prerequisites + 1] = file
   end
   return targets, prerequisites
end

-- The first of the lists' paths that names the same file as depfile, or nil: writing the
-- depfile there would replace the spec, an output, a generator file or the output
-- directory (--depfile types.lua).
local function depfile_clash(depfile, ...)
   local resolved = paths.resolve(depfile)
   for _, list in ipairs { ... } do
      for _, path in ipairs(list) do
         if paths.resolve(path) == resolved then return path end
      end
   end
end

-- Runs vv32gen. argv is Lua's `arg` (argv[0] the script, which locates the templates);
-- host (all optional) = { stdout =, stderr = (with :write), getenv = os.getenv stand-in,
-- limits = vv32.spec limits }. Returns the exit code; never calls os.exit.
function M.main(argv, host)
   host = host or {}
   local stdout, stderr = host.stdout or io.stdout, host.stderr or io.stderr
   local function fail(code, message)
      stderr:write(message, "\n")
      return code
   end
   local function usage_error(message)
      return fail(M.EXIT.usage_or_io_error,
         ("vv32gen: %s\nTry 'vv32gen --help'."):format(message))
   end
   local function io_error(message)
      return fail(M.EXIT.usage_or_io_error, "vv32gen: " .. message)
   end

   local args = {}
   for i = 1, #argv do args[i] = argv[i] end
   local parser = new_parser()
   local parsed, options = parser:pparse(args)
   if not parsed then return usage_error(options) end
   if options.help then
      stdout:write(parser:get_help(), "\n")
      return M.EXIT.ok
   end
   if options.version then
      stdout:write(model.TOOL, " ", model.VERSION, "\n")
      return M.EXIT.ok
   end
   if options.spec == nil then return usage_error("missing argument 'SPEC'") end
   -- argparse takes "-o ''" and "--output=" as given; "" would write to the working directory.
   if options.output == "" then return usage_error("option '-o' needs a directory, not ''") end
   if options.depfile == "" then return usage_error("option '--depfile' needs a file, not ''") end

   local loaded, load_error, kind = spec.load(options.spec, host.limits)
   if loaded == nil then
      if kind == "io" then return io_error(load_error) end
      return fail(M.EXIT.spec_or_check_failed, load_error)
   end
   local validated, errors = validate.run(loaded)
   if #errors > 0 then return fail(M.EXIT.spec_or_check_failed, table.concat(errors, "\n")) end
   local built = model.build(validated)
   local dir = output_dir(options, validated)
   local render_options = { no_tests = options.no_tests }

   if options.list_outputs then
      for _, output in ipairs(render.outputs(built, render_options)) do
         stdout:write(paths.join(dir, output.name), "\n")
      end
      return M.EXIT.ok
   end

   local script = argv[0] or "vv32gen"
   local templates_dir, lookup_error = paths.templates_dir(script, host.getenv or os.getenv)
   if templates_dir == nil then return io_error(lookup_error) end
   local template_files = render.template_files(render_options)
   local templates, template_error = render.load_templates(templates_dir, template_files)
   if templates == nil then return io_error(template_error) end
   local files, render_error = render.render(built, templates, render_options)
   if files == nil then return io_error(render_error) end
   local plan, plan_error = write.plan(dir, files, options.spec)
   if plan == nil then return io_error(plan_error) end

   if options.check then
      local diff = write.diff(plan)
      if diff == "" then return M.EXIT.ok end
      if not options.quiet then
         stdout:write(diff)
         stderr:write(("vv32gen: the outputs of %s are out of date; run vv32gen without --check"
            .. " to update them\n"):format(options.spec))
      end
      return M.EXIT.spec_or_check_failed
   end

   local targets, prerequisites
   if options.depfile then
      targets, prerequisites = depfile_rule(script, options.spec, dir, files, templates_dir,
         template_files)
      local clash = depfile_clash(options.depfile, targets, prerequisites,
         { paths.join(dir, plan.manifest.name), dir })
      if clash then
         return usage_error(("--depfile %s is %s, which this run reads or writes")
            :format(options.depfile, clash))
      end
      local writable, depfile_error = write.check_depfile(options.depfile, dir)
      if not writable then return io_error(depfile_error) end
   end

   local actions, write_error = write.apply(plan)
   if actions == nil then return io_error(write_error) end
   if options.verbose then
      for _, action in ipairs(actions) do
         stdout:write(VERBS[action.action], " ", action.path, "\n")
      end
   end

   if options.depfile then
      local written, depfile_error = write.depfile(options.depfile, targets, prerequisites)
      if not written then return io_error(depfile_error) end
   end
   return M.EXIT.ok
end

return M
