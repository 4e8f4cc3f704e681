-- The repository's own instantiations: one of each kind of element type the generator
-- must handle. `make` renders them into generated/ and `make test` runs their suites.
-- Hooks used for ordering (cmp, eq) are static inline in the headers listed in
-- `includes`, so the generated sort inlines them; the rest live in tests/support/*.c.

output "generated"

-- Plain arithmetic types.
valvec32 {
   name = "u8", type = "uint8_t",
   includes = { "<stdint.h>", "vv32t_num.h" },
   cmp = "u8_cmp",
}

valvec32 {
   name = "i32", type = "int32_t",
   includes = { "<stdint.h>", "vv32t_num.h" },
   cmp = "i32_cmp",
}

valvec32 {
   name = "u64", type = "uint64_t",
   includes = { "<stdint.h>", "vv32t_num.h" },
   cmp = "u64_cmp",
}

-- A total order: NaNs after every number, all equal (see vv32t_num.h).
valvec32 {
   name = "f64", type = "double",
   includes = { "vv32t_num.h" },
   cmp = "f64_cmp",
   test = { sample = "f64_sample(i)" },   -- mixes in NaN, infinities, negatives
}

-- A plain-data struct.
valvec32 {
   name = "point", type = "struct point",
   includes = { "vv32t_point.h" },
   cmp = "point_cmp",
   test = { sample = "point_sample(i)" },
}

-- Non-owning strings: pointers to static storage, nothing to clone or drop.
valvec32 {
   name = "cstr", type = "const char *",
   includes = { "vv32t_cstr.h" },
   cmp = "cstr_cmp",
   test = { sample = "cstr_sample(i)", sources = { "tests/support/vv32t_cstr.c" } },
}

-- Owned strings: a managed type with an ordering.
valvec32 {
   name = "str", type = "char *",
   includes = { "vv32t_str.h" },
   clone = "str_clone", drop = "str_drop", cmp = "str_cmp",
   test = { sample = "str_from_int(i)", sources = { "tests/support/vv32t_str.c" } },
}

-- A managed struct owning a heap buffer, with equality only.
valvec32 {
   name = "buf", type = "struct buf",
   includes = { "vv32t_buf.h" },
   clone = "buf_clone", drop = "buf_drop", eq = "buf_eq",
   test = { sample = "buf_sample(i)", sources = { "tests/support/vv32t_buf.c" } },
}

-- Move-only: drop without clone, so no copying operations are generated.
valvec32 {
   name = "handle", type = "struct handle",
   includes = { "vv32t_handle.h" },
   drop = "handle_drop", eq = "handle_eq",
   test = { sample = "handle_sample(i)", sources = { "tests/support/vv32t_handle.c" } },
}

-- Zero-sized (GNU C): never allocates.
valvec32 {
   name = "empty", type = "struct empty",
   includes = { "vv32t_empty.h" },
   test = { sample = "empty_sample(i)" },
}

-- A custom allocator that counts live blocks and hands out spare usable bytes.
valvec32 {
   name = "u32", type = "uint32_t",
   includes = { "<stdint.h>", "vv32t_num.h", "vv32t_alloc.h" },
   cmp = "u32_cmp",
   alloc = { realloc = "count_realloc", free = "count_free", usable_size = "count_usable_size" },
   test = { sources = { "tests/support/vv32t_alloc.c" } },
}
