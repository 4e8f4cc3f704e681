/* Instruction counts under valgrind --tool=callgrind --toggle-collect='cg_*':
 * cg_push_loop: 1000 inlined pushes into a reserved vector (no growth);
 * cg_unchecked_loop: 1000 push_unchecked; cg_grow_first: the push that makes
 * the first allocation; cg_grow_1k / cg_grow_1m: one push at len == cap
 * (one growth step) with cap near 1K / 1M; cg_grow_all_1m: 1M pushes from
 * empty (amortized).  Same functions in cg_plainc.c, cg_std.cpp, cg_rust.rs. */
#include <stdio.h>
#include <stdlib.h>
#include "valvec32_u32.h"

#define NOI __attribute__((noipa))
NOI void cg_push_loop(valvec32_u32 *v, const uint32_t *src, uint32_t n)
{ for (uint32_t i = 0; i < n; i++) if (valvec32_u32_push(v, src[i]) != VV32_OK) abort(); }
NOI void cg_unchecked_loop(valvec32_u32 *v, const uint32_t *src, uint32_t n)
{ for (uint32_t i = 0; i < n; i++) valvec32_u32_push_unchecked(v, src[i]); }
NOI int cg_grow_first(valvec32_u32 *v, uint32_t x) { return valvec32_u32_push(v, x ^ 1u); }
NOI int cg_grow_1k(valvec32_u32 *v, uint32_t x) { return valvec32_u32_push(v, x ^ 2u); }
NOI int cg_grow_1m(valvec32_u32 *v, uint32_t x) { return valvec32_u32_push(v, x ^ 3u); }
NOI void cg_grow_all_1m(valvec32_u32 *v, const uint32_t *src, uint32_t n)
{ for (uint32_t i = 0; i < n; i++) if (valvec32_u32_push(v, src[i]) != VV32_OK) abort(); }

static void fill_to_cap(valvec32_u32 *v, uint32_t atleast)
{
    while (v->len < atleast || v->len < v->cap)
        if (valvec32_u32_push(v, v->len) != VV32_OK) abort();
}

int main(void)
{
    uint32_t n = 1000000, *src = malloc(n * sizeof *src);
    for (uint32_t i = 0; i < n; i++) src[i] = i * 2654435761u;
    valvec32_u32 v;
    valvec32_u32_init(&v);
    if (valvec32_u32_reserve(&v, 1000) != VV32_OK) abort();
    cg_push_loop(&v, src, 1000);
    valvec32_u32_clear(&v);
    cg_unchecked_loop(&v, src, 1000);
    valvec32_u32_destroy(&v);

    free(malloc(16));   /* malloc's first-call setup, outside the counts */
    valvec32_u32_init(&v);
    if (cg_grow_first(&v, 1)) abort();
    uint32_t c0 = v.cap;
    fill_to_cap(&v, 1000);
    uint32_t c1 = v.cap;
    if (cg_grow_1k(&v, 1)) abort();
    uint32_t c2 = v.cap;
    fill_to_cap(&v, 1000000);
    uint32_t c3 = v.cap;
    if (cg_grow_1m(&v, 1)) abort();
    uint32_t c4 = v.cap;
    valvec32_u32_destroy(&v);
    valvec32_u32_init(&v);
    cg_grow_all_1m(&v, src, n);
    printf("caps first %u, 1k %u -> %u, 1m %u -> %u\n", c0, c1, c2, c3, c4);
    valvec32_u32_destroy(&v);
    free(src);
    return 0;
}
