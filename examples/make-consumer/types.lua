-- The vectors this program uses. `make` runs vv32gen on this file (see Makefile).

-- Plain integers, ordered by a hook from shapes.h (static inline, so the generated
-- search and sort code inlines it).
valvec32 {
   name = "i32", type = "int32_t",
   includes = { "<stdint.h>", "shapes.h" },
   cmp = "i32_cmp",
}

-- A plain-data struct, ordered by area.
valvec32 {
   name = "rect", type = "struct rect",
   includes = { "shapes.h" },
   cmp = "rect_cmp",
   test = { sample = "rect_sample(i)" },
}
