/* plain C driver: a size_t len/cap vector with realloc doubling (first
 * capacity 4, noinline grow), raw pointer loops, malloc+memcpy, qsort. */
#include "bench_common.h"

#define PV_DEFINE(TN, T)                                                        \
    typedef struct { T *data; size_t len, cap; } pv_##TN;                       \
    __attribute__((noinline, cold)) static void pv_##TN##_grow(pv_##TN *v, size_t need) \
    {                                                                           \
        size_t c = v->cap ? v->cap * 2 : 4;                                     \
        if (c < need) c = need;                                                 \
        T *p = (T *)realloc(v->data, c * sizeof(T));                            \
        if (!p) die("out of memory");                                           \
        v->data = p; v->cap = c;                                                \
    }                                                                           \
    static inline void pv_##TN##_push(pv_##TN *v, T x)                          \
    {                                                                           \
        if (v->len == v->cap) pv_##TN##_grow(v, v->len + 1);                    \
        v->data[v->len++] = x;                                                  \
    }                                                                           \
    static inline void pv_##TN##_reserve(pv_##TN *v, size_t add)                \
    {                                                                           \
        if (v->cap - v->len < add) {                                            \
            T *p = (T *)realloc(v->data, (v->len + add) * sizeof(T));           \
            if (!p) die("out of memory");                                       \
            v->data = p; v->cap = v->len + add;                                 \
        }                                                                       \
    }                                                                           \
    static inline void pv_##TN##_clone(pv_##TN *d, const pv_##TN *s)            \
    {                                                                           \
        d->data = (T *)xmalloc(s->len * sizeof(T));                             \
        memcpy(d->data, s->data, s->len * sizeof(T));                           \
        d->len = d->cap = s->len;                                               \
    }

PV_DEFINE(u32, uint32_t)
PV_DEFINE(u64, uint64_t)
PV_DEFINE(rec, struct rec)
PV_DEFINE(str, char *)

static int q_u32(const void *a, const void *b) { return bench_u32_cmp((const uint32_t *)a, (const uint32_t *)b); }
static int q_u64(const void *a, const void *b) { return bench_u64_cmp((const uint64_t *)a, (const uint64_t *)b); }
static int q_rec(const void *a, const void *b) { return bench_rec_cmp((const struct rec *)a, (const struct rec *)b); }
static int q_str(const void *a, const void *b) { return bench_str_cmp((char *const *)a, (char *const *)b); }

#define V_INIT(v) ((v)->data = NULL, (v)->len = (v)->cap = 0)
#define V_PUSH(v, x) VV(push)(v, x)
#define V_RESERVE(v, n) VV(reserve)(v, n)
#define V_DATA(v) ((v)->data)
#define V_LEN(v) ((v)->len)
#define V_EXTEND(v, s, n) do { VV(reserve)(v, n); memcpy((v)->data + (v)->len, s, (n) * sizeof *(s)); (v)->len += (n); } while (0)
#define V_GET(v, i) ((v)->data[i])
#define V_CLONE(d, s) VV(clone)(d, s)
#define V_DESTROY(v) free((v)->data)
#define V_CLEAR(v) ((v)->len = 0)
#define V_UNCHECKED_LOOP(v, s, n) do { T *p_ = (v)->data; for (size_t i_ = 0; i_ < (n); i_++) p_[i_] = (s)[i_]; (v)->len = (n); } while (0)
#define V_SORT(v) qsort((v)->data, (v)->len, sizeof *(v)->data, CAT(q_, TN))

#define TN u32
#define T uint32_t
#define VEC pv_u32
#define VV(f) pv_u32_##f
#define V_FIND(v, k) lfind_u32((v)->data, (v)->len, k)
#define MEM_CASE
#include "cases_pod.inc"
#undef MEM_CASE
#undef TN
#undef T
#undef VEC
#undef VV
#undef V_FIND

#define TN u64
#define T uint64_t
#define VEC pv_u64
#define VV(f) pv_u64_##f
#define V_FIND(v, k) lfind_u64((v)->data, (v)->len, k)
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC
#undef VV
#undef V_FIND

#define TN rec
#define T struct rec
#define VEC pv_rec
#define VV(f) pv_rec_##f
#define V_FIND(v, k) lfind_rec((v)->data, (v)->len, k)
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC
#undef VV

static void str_extend_into(pv_str *v, char *const *s, size_t n)
{
    pv_str_reserve(v, n);
    for (size_t i = 0; i < n; i++)
        if (bench_str_clone(&v->data[v->len + i], &s[i])) die("out of memory");
    v->len += n;
}
static void str_destroy(pv_str *v) { for (size_t i = 0; i < v->len; i++) free(v->data[i]); free(v->data); }

#define S_VEC pv_str
#define S_INIT(v) ((v)->data = NULL, (v)->len = (v)->cap = 0)
#define S_PUSH(v, p) pv_str_push(v, p)
#define S_RESERVE(v, n) pv_str_reserve(v, n)
#define S_DATA(v) ((v)->data)
#define S_LEN(v) ((v)->len)
#define S_EXTEND(v, s, n) str_extend_into(v, s, n)
#define S_CLONE(d, s) do { S_INIT(d); str_extend_into(d, (s)->data, (s)->len); } while (0)
#define S_DESTROY(v) str_destroy(v)
#define S_FORGET(v) free((v)->data)
#define S_SORT(v) qsort((v)->data, (v)->len, sizeof(char *), q_str)
#include "cases_str.inc"

int main(int argc, char **argv)
{
    args_t a = parse_args(argc, argv);
    uint64_t ck = 0;
    double ns = 0;
    if (a.c == C_MEM && a.ty != TY_U32) not_implemented();
    switch (a.ty) {
    case TY_U32: ns = run_u32(a.c, a.n, &ck); break;
    case TY_U64: ns = run_u64(a.c, a.n, &ck); break;
    case TY_REC: ns = run_rec(a.c, a.n, &ck); break;
    default: ns = run_str(a.c, a.n, &ck); break;
    }
    report(ns, ck);
    return 0;
}
