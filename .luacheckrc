-- luacheck configuration: `luacheck gen tests/gen` must report nothing.
std = "lua54"
max_line_length = 100
include_files = { "gen/vv32gen", "gen/**/*.lua", "tests/gen/**/*.lua" }
exclude_files = { "tests/gen/fixtures/**" }
files["tests/gen"] = { std = "+busted" }
