-- tests/fault/types.lua: the element types of the fault-injection, clone-failure
-- and 32-bit-limit tests (tests/fault/fault.mk). Every type that allocates goes
-- through the failing, counting allocator of tests/fault/support/ft_alloc.c;
-- the managed types count live values and detect double drops
-- (tests/fault/support/ft_hooks.c).
--
--   lua5.4 gen/vv32gen --no-tests -o build/fault/gen tests/fault/types.lua

local ft_alloc = { realloc = "ft_realloc", free = "ft_free", usable_size = "ft_usable_size" }
local support = { "tests/fault/support/ft_alloc.c", "tests/fault/support/ft_hooks.c" }

-- POD.
valvec32 {
   name = "ft_u32", type = "uint32_t",
   includes = { "<stdint.h>", "ft_hooks.h" },
   cmp = "ft_u32_cmp",
   alloc = ft_alloc,
   test = { sources = support },
}

-- A 24-byte plain-data struct with an ordering.
valvec32 {
   name = "ft_rec", type = "struct ft_rec",
   includes = { "ft_hooks.h" },
   cmp = "ft_rec_cmp",
   alloc = ft_alloc,
   test = { sample = "ft_rec_make(i)", sources = support },
}

-- Managed: an owned string.
valvec32 {
   name = "ft_str", type = "char *",
   includes = { "ft_hooks.h" },
   clone = "ft_str_clone", drop = "ft_str_drop", cmp = "ft_str_cmp",
   alloc = ft_alloc,
   test = { sample = "ft_str_make(i)", sources = support },
}

-- Managed: a struct with a unique id and an owned heap buffer.
valvec32 {
   name = "ft_obj", type = "struct ft_obj",
   includes = { "ft_hooks.h" },
   clone = "ft_obj_clone", drop = "ft_obj_drop", eq = "ft_obj_eq",
   alloc = ft_alloc,
   test = { sample = "ft_obj_make(i)", sources = support },
}

-- Zero-sized (GNU C): must reach UINT32_MAX elements without allocating.
valvec32 {
   name = "ft_empty", type = "struct ft_empty",
   includes = { "ft_hooks.h" },
   alloc = ft_alloc,
   test = { sample = "ft_empty_make(i)", sources = support },
}

-- 1 MiB elements: UINT32_MAX of them is 4 PiB, which size_t holds on 64-bit.
valvec32 {
   name = "ft_big", type = "struct ft_big",
   includes = { "ft_hooks.h" },
   alloc = ft_alloc,
   test = { sample = "ft_big_make(i)", sources = support },
}

-- 4 GiB + 8 byte elements: fewer than UINT32_MAX of them fit in a 64-bit size_t,
-- so the byte-count overflow check bites on 64-bit targets too.
valvec32 {
   name = "ft_giant", type = "struct ft_giant",
   includes = { "ft_hooks.h" },
   alloc = ft_alloc,
   test = { sample = "ft_giant_make(i)", sources = support },
}

-- make test-huge: 4 GiB of uint8_t through the default allocator.
valvec32 {
   name = "ft_u8", type = "uint8_t",
   includes = { "<stdint.h>" },
}
