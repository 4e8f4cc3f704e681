-- vv32.render: decides which files a model (vv32.model) makes, from which template, in
-- which order, and renders them with pl.template. Its only I/O is reading templates;
-- templates see a strict environment, so a misspelt name stops the run.
local template = require "pl.template"
local paths = require "vv32.paths"

local M = {}

local COMMON_HEADER, COMMON_SOURCE = "valvec32_common.h.tpl", "valvec32_common.c.tpl"
local HEADER, SOURCE, TEST = "valvec32.h.tpl", "valvec32.c.tpl", "test_valvec32.c.tpl"

-- debug keeps the generated code, to map its line numbers back to the template's.
local COMPILE_OPTIONS = { escape = "@", inline_escape = "$", inline_brackets = "{}", debug = true }
local APPEND_PREFIX = "__R_size = __R_size + 1; __R_table[__R_size] = "

-- The files to write, in order: { name =, template =, t = type model or false }.
-- options.no_tests leaves out the Criterion suites.
function M.outputs(model, options)
   local list = {
      { name = "valvec32_common.h", template = COMMON_HEADER, t = false },
      { name = "valvec32_common.c", template = COMMON_SOURCE, t = false },
   }
   for _, t in ipairs(model.types) do
      list[#list + 1] = { name = t.header, template = HEADER, t = t }
      list[#list + 1] = { name = t.source, template = SOURCE, t = t }
      if not options.no_tests then
         list[#list + 1] = { name = t.test_source, template = TEST, t = t }
      end
   end
   return list
end

-- The template files the outputs need, in a fixed order.
function M.template_files(options)
   local files = { COMMON_HEADER, COMMON_SOURCE, HEADER, SOURCE }
   if not options.no_tests then files[#files + 1] = TEST end
   return files
end

-- pl.template's code opens with two lines and starts each piece of the template on a new
-- line, so its line numbers drift from the template's. Counts the template lines behind
-- code lines 1 .. code_line - 1: escaped newlines in text pieces, and "@" Lua lines.
local function template_line(code, code_line)
   local line, in_text, number = 1, false, 0
   for text in (code .. "\n"):gmatch("([^\n]*)\n") do
      number = number + 1
      if number >= code_line then break end
      if number > 2 and not in_text and text:sub(1, #APPEND_PREFIX) ~= APPEND_PREFIX then
         line = line + 1
      end
      in_text = #text:match("\\*$") % 2 == 1
      if in_text then line = line + 1 end
   end
   return line
end

-- The first line of an error in a template's code, with the template's own line number.
local function with_template_line(code, message)
   local first = message:match("^[^\n]*")
   local chunk, code_line, text = first:match("^(templates/[^:]+):(%d+): (.*)$")
   if chunk == nil then return first end
   return ("%s:%d: %s"):format(chunk, template_line(code, tonumber(code_line)), text)
end

-- Reads and compiles each named template in dir once. Returns { [file] = compiled } or
-- nil and a message.
function M.load_templates(dir, files)
   local compiled = {}
   for _, file in ipairs(files) do
      local path = paths.join(dir, file)
      local handle, open_error = io.open(path, "rb")
      if handle == nil then return nil, "cannot read template " .. open_error end
      local text, read_error = handle:read("a")
      handle:close()
      if text == nil then return nil, ("cannot read template %s: %s"):format(path, read_error) end
      local options = { chunk_name = "@templates/" .. file }
      for key, value in pairs(COMPILE_OPTIONS) do options[key] = value end
      local compiled_template, compile_error, code = template.compile(text, options)
      if compiled_template == nil then return nil, with_template_line(code, compile_error) end
      compiled[file] = compiled_template
   end
   return compiled
end

-- Trailing blanks go, runs of blank lines become one, the text ends with one newline.
function M.normalize(text)
   text = text:gsub("[ \t]+\n", "\n"):gsub("[ \t]+$", "")
   text = text:gsub("\n\n\n+", "\n\n"):gsub("^\n+", ""):gsub("\n*$", "\n")
   return text
end

local function strict(fields, what)
   return setmetatable(fields, {
      __index = function(_, key)
         error(("template reads undefined %s%s"):format(what, tostring(key)), 2)
      end,
   })
end

-- A strict copy of the type model: t.has_clone is an error, not a silent nil.
local function strict_type(t)
   local copy = {}
   for key, value in pairs(t) do copy[key] = value end
   copy.test = strict({
      sample = t.test.sample, includes = t.test.includes, sources = t.test.sources,
   }, "t.test.")
   if t.alloc then
      copy.alloc = strict({
         realloc = t.alloc.realloc, free = t.alloc.free, usable_size = t.alloc.usable_size,
      }, "t.alloc.")
   end
   return strict(copy, "t.")
end

local function environment(model, t)
   local env = {
      tool = model.tool, version = model.version, spec = model.spec,
      common_version = model.common_version, ipairs = ipairs,
   }
   if t then env.t = strict_type(t) end
   return strict(env, "name ")
end

-- Renders every output. Returns { { name =, content = } } in output order, or nil and
-- "templates/<file>:<line>: message".
function M.render(model, templates, options)
   local files = {}
   for _, output in ipairs(M.outputs(model, options)) do
      local compiled = templates[output.template]
      local text, render_error = compiled:render(environment(model, output.t))
      if text == nil then return nil, with_template_line(compiled.code, render_error) end
      files[#files + 1] = { name = output.name, content = M.normalize(text) }
   end
   return files
end

return M
