/* Element types and hooks shared by the benchmark drivers (C and C++).
 * The valvec32 spec (types.lua) lists this header in `includes`, so the
 * generated sort and find inline the cmp hooks. */
#ifndef BENCH_TYPES_H
#define BENCH_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the 24-byte struct: ordered and compared by key only */
struct rec { uint64_t key, a, b; };

/* The comparators are written `a < b ? -1 : a > b` on purpose: GCC 12 folds
 * cmp(a, b) < 0 (the generated sort's less-than) of this form to a single
 * compare, but not of the common (a > b) - (a < b), which costs five
 * instructions per comparison (see ANALYSIS.md).  Equality has its own hooks,
 * because cmp(a, b) == 0 of this form compiles to a data-dependent branch. */
static inline int bench_u32_cmp(const uint32_t *a, const uint32_t *b)
{ return *a < *b ? -1 : *a > *b; }
static inline int bench_u64_cmp(const uint64_t *a, const uint64_t *b)
{ return *a < *b ? -1 : *a > *b; }
static inline int bench_rec_cmp(const struct rec *a, const struct rec *b)
{ return a->key < b->key ? -1 : a->key > b->key; }
static inline bool bench_u32_eq(const uint32_t *a, const uint32_t *b) { return *a == *b; }
static inline bool bench_u64_eq(const uint64_t *a, const uint64_t *b) { return *a == *b; }
static inline bool bench_rec_eq(const struct rec *a, const struct rec *b) { return a->key == b->key; }

/* the owned string: a malloc'd NUL-terminated char *; const T * = char *const * */
static inline int bench_str_cmp(char *const *a, char *const *b)
{ return strcmp(*a, *b); }
static inline int bench_str_clone(char **dst, char *const *src)
{
    size_t l = strlen(*src) + 1;
    char *p = (char *)malloc(l);
    if (!p) return 1;
    memcpy(p, *src, l);
    *dst = p;
    return 0;
}
static inline void bench_str_drop(char **e) { free(*e); }
/* for the generator's test-sample fields (unused with --no-tests) */
static inline struct rec bench_rec_sample(int i)
{ struct rec r = { (uint64_t)i, (uint64_t)i * 3u, (uint64_t)i * 7u }; return r; }
static inline char *bench_str_from_int(int i)
{
    char *p = (char *)malloc(16);
    if (p) { unsigned u = (unsigned)i; int k = 15; p[k] = 0; do { p[--k] = (char)('0' + u % 10); u /= 10; } while (u && k); memmove(p, p + k, (size_t)(16 - k)); }
    return p;
}

#endif
