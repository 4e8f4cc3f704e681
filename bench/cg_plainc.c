/* plain C counterpart of cg_vv32.c (size_t len/cap, realloc doubling). */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

typedef struct { uint32_t *data; size_t len, cap; } pv;
__attribute__((noinline, cold)) static void pv_grow(pv *v, size_t need)
{
    size_t c = v->cap ? v->cap * 2 : 4;
    if (c < need) c = need;
    uint32_t *p = realloc(v->data, c * sizeof *p);
    if (!p) abort();
    v->data = p; v->cap = c;
}
static inline void pv_push(pv *v, uint32_t x)
{
    if (v->len == v->cap) pv_grow(v, v->len + 1);
    v->data[v->len++] = x;
}

#define NOI __attribute__((noipa))
NOI void cg_push_loop(pv *v, const uint32_t *src, uint32_t n) { for (uint32_t i = 0; i < n; i++) pv_push(v, src[i]); }
NOI void cg_unchecked_loop(pv *v, const uint32_t *src, uint32_t n)
{ uint32_t *p = v->data + v->len; for (uint32_t i = 0; i < n; i++) p[i] = src[i]; v->len += n; }
NOI void cg_grow_first(pv *v, uint32_t x) { pv_push(v, x ^ 1u); }
NOI void cg_grow_1k(pv *v, uint32_t x) { pv_push(v, x ^ 2u); }
NOI void cg_grow_1m(pv *v, uint32_t x) { pv_push(v, x ^ 3u); }
NOI void cg_grow_all_1m(pv *v, const uint32_t *src, uint32_t n) { for (uint32_t i = 0; i < n; i++) pv_push(v, src[i]); }

static void fill_to_cap(pv *v, size_t atleast) { while (v->len < atleast || v->len < v->cap) pv_push(v, (uint32_t)v->len); }

int main(void)
{
    uint32_t n = 1000000, *src = malloc(n * sizeof *src);
    for (uint32_t i = 0; i < n; i++) src[i] = i * 2654435761u;
    pv v = { malloc(1000 * sizeof(uint32_t)), 0, 1000 };
    cg_push_loop(&v, src, 1000);
    v.len = 0;
    cg_unchecked_loop(&v, src, 1000);
    free(v.data);
    free(malloc(16));   /* malloc's first-call setup, outside the counts */
    pv w = { 0, 0, 0 };
    cg_grow_first(&w, 1);
    size_t c0 = w.cap;
    fill_to_cap(&w, 1000);
    size_t c1 = w.cap;
    cg_grow_1k(&w, 1);
    size_t c2 = w.cap;
    fill_to_cap(&w, 1000000);
    size_t c3 = w.cap;
    cg_grow_1m(&w, 1);
    size_t c4 = w.cap;
    free(w.data);
    pv u = { 0, 0, 0 };
    cg_grow_all_1m(&u, src, n);
    printf("caps first %zu, 1k %zu -> %zu, 1m %zu -> %zu\n", c0, c1, c2, c3, c4);
    free(u.data);
    free(src);
    return 0;
}
