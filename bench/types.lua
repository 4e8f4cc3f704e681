-- vv32gen spec for the benchmark: the element types every driver measures.
-- The cmp hooks are static inline in bench_types.h (listed in `includes`), so
-- the generated sort and find inline them (eq for find/contains/equal).  Generated into the build
-- directory by bench/Makefile:  lua5.4 ../gen/vv32gen --no-tests -o build/gen types.lua

valvec32 {
   name = "u32", type = "uint32_t",
   includes = { "<stdint.h>", "bench_types.h" },
   cmp = "bench_u32_cmp", eq = "bench_u32_eq",
}

valvec32 {
   name = "u64", type = "uint64_t",
   includes = { "<stdint.h>", "bench_types.h" },
   cmp = "bench_u64_cmp", eq = "bench_u64_eq",
}

-- the 24-byte struct, ordered by key
valvec32 {
   name = "rec", type = "struct rec",
   includes = { "bench_types.h" },
   cmp = "bench_rec_cmp", eq = "bench_rec_eq",
   test = { sample = "bench_rec_sample(i)" },
}

-- the owned string: malloc'd char *, cloned and dropped through the hooks
valvec32 {
   name = "str", type = "char *",
   includes = { "bench_types.h" },
   clone = "bench_str_clone", drop = "bench_str_drop", cmp = "bench_str_cmp",
   test = { sample = "bench_str_from_int(i)" },
}
