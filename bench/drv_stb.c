/* stb_ds driver (libstb-dev): arrput / arrsetcap / arraddnptr / arrfree.
 * stb_ds has no sort and no find: sort is not run (the plain C row is qsort),
 * find is a raw loop over the array. */
#define STB_DS_IMPLEMENTATION
#include <stb/stb_ds.h>
#include "bench_common.h"

#define V_INIT(v) (*(v) = NULL)
#define V_PUSH(v, x) arrput(*(v), x)
#define V_RESERVE(v, n) arrsetcap(*(v), n)
#define V_DATA(v) (*(v))
#define V_LEN(v) arrlenu(*(v))
#define V_EXTEND(v, s, n) memcpy(arraddnptr(*(v), n), s, (n) * sizeof **(v))
#define V_GET(v, i) ((*(v))[i])
#define V_CLONE(d, s) do { *(d) = NULL; arrsetlen(*(d), arrlenu(*(s))); memcpy(*(d), *(s), arrlenu(*(s)) * sizeof **(s)); } while (0)
#define V_DESTROY(v) arrfree(*(v))
#define NO_UNCHECKED
#define NO_SORT

#define TN u32
#define T uint32_t
typedef uint32_t *stb_u32;
#define VEC stb_u32
#define V_FIND(v, k) lfind_u32(*(v), arrlenu(*(v)), k)
#define MEM_CASE
#include "cases_pod.inc"
#undef MEM_CASE
#undef TN
#undef T
#undef VEC
#undef V_FIND

#define TN u64
#define T uint64_t
typedef uint64_t *stb_u64;
#define VEC stb_u64
#define V_FIND(v, k) lfind_u64(*(v), arrlenu(*(v)), k)
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC
#undef V_FIND

#define TN rec
#define T struct rec
typedef struct rec *stb_rec;
#define VEC stb_rec
#define V_FIND(v, k) lfind_rec(*(v), arrlenu(*(v)), k)
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC

static void str_extend_into(char ***v, char *const *s, size_t n)
{
    char **d = arraddnptr(*v, n);
    for (size_t i = 0; i < n; i++)
        if (bench_str_clone(&d[i], &s[i])) die("out of memory");
}
static void str_destroy(char ***v) { for (size_t i = 0; i < arrlenu(*v); i++) free((*v)[i]); arrfree(*v); }

typedef char **stb_str;
#define S_VEC stb_str
#define S_INIT(v) (*(v) = NULL)
#define S_PUSH(v, p) arrput(*(v), p)
#define S_RESERVE(v, n) arrsetcap(*(v), n)
#define S_DATA(v) (*(v))
#define S_LEN(v) arrlenu(*(v))
#define S_EXTEND(v, s, n) str_extend_into(v, s, n)
#define S_CLONE(d, s) do { *(d) = NULL; str_extend_into(d, *(s), arrlenu(*(s))); } while (0)
#define S_DESTROY(v) str_destroy(v)
#define S_FORGET(v) arrfree(*(v))
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
