/* valvec32 driver: the generated code (bench/types.lua), gcc -O2. */
#include "bench_common.h"
#include "valvec32_u32.h"
#include "valvec32_u64.h"
#include "valvec32_rec.h"
#include "valvec32_str.h"

/* While templates/ is being written the generated code may not define sort
 * yet: weak references let the driver report the sort cases as not
 * implemented (exit 2) instead of failing to link. */
#pragma weak valvec32_u32_sort
#pragma weak valvec32_u64_sort
#pragma weak valvec32_rec_sort
#pragma weak valvec32_str_sort

#define V_INIT(v) VV(init)(v)
#define V_PUSH(v, x) do { if (VV(push)(v, x) != VV32_OK) die("push"); } while (0)
#define V_RESERVE(v, n) do { if (VV(reserve)(v, (uint32_t)(n)) != VV32_OK) die("reserve"); } while (0)
#define V_DATA(v) ((v)->data)
#define V_LEN(v) ((v)->len)
#define V_EXTEND(v, s, n) do { if (VV(extend)(v, s, (uint32_t)(n)) != VV32_OK) die("extend"); } while (0)
#define V_GET(v, i) (*VV(get)(v, i))
#define V_CLONE(d, s) do { if (VV(clone)(d, s) != VV32_OK) die("clone"); } while (0)
#define V_DESTROY(v) VV(destroy)(v)
#define V_CLEAR(v) VV(clear)(v)
#define V_FIND(v, k) VV(find)(v, k)
#define V_UNCHECKED_LOOP(v, s, n) do { for (size_t i_ = 0; i_ < (n); i_++) VV(push_unchecked)(v, (s)[i_]); } while (0)
#define V_SORT(v) VV(sort)(v)
#define V_SORT_AVAILABLE() (VV(sort) != NULL)

#define TN u32
#define T uint32_t
#define VEC valvec32_u32
#define VV(f) valvec32_u32_##f
#define MEM_CASE
#include "cases_pod.inc"
#undef MEM_CASE
#undef TN
#undef T
#undef VEC
#undef VV

#define TN u64
#define T uint64_t
#define VEC valvec32_u64
#define VV(f) valvec32_u64_##f
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC
#undef VV

#define TN rec
#define T struct rec
#define VEC valvec32_rec
#define VV(f) valvec32_rec_##f
#include "cases_pod.inc"
#undef TN
#undef T
#undef VEC
#undef VV

#define S_VEC valvec32_str
#define S_INIT(v) valvec32_str_init(v)
#define S_PUSH(v, p) do { if (valvec32_str_push(v, p) != VV32_OK) die("push"); } while (0)
#define S_RESERVE(v, n) do { if (valvec32_str_reserve(v, (uint32_t)(n)) != VV32_OK) die("reserve"); } while (0)
#define S_DATA(v) ((v)->data)
#define S_LEN(v) ((v)->len)
#define S_EXTEND(v, s, n) do { if (valvec32_str_extend(v, s, (uint32_t)(n)) != VV32_OK) die("extend"); } while (0)
#define S_CLONE(d, s) do { if (valvec32_str_clone(d, s) != VV32_OK) die("clone"); } while (0)
#define S_DESTROY(v) valvec32_str_destroy(v)
#define S_FORGET(v) do { uint32_t l_, c_; free(valvec32_str_release(v, &l_, &c_)); } while (0)
#define S_SORT(v) valvec32_str_sort(v)
#define S_SORT_AVAILABLE() (valvec32_str_sort != NULL)
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
