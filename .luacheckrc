-- luacheck configuration: `luacheck gen tests bench types.lua` must report nothing.
std = "lua54"
max_line_length = 100
include_files = { "gen/vv32gen", "**/*.lua" }
exclude_files = { "tests/gen/fixtures/**" }
files["tests/gen"] = { std = "+busted" }
files["tests/integration"] = { std = "+busted" }
-- Type specs run in vv32gen's sandbox, which provides these two functions.
files["**/types.lua"] = { read_globals = { "output", "valvec32" } }
-- The benchmark runner and the corpus generator hold long table rows.
files["bench"] = { max_line_length = 120 }
files["tests/fuzz"] = { max_line_length = 120 }
