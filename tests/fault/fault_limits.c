/* Part 3 of the reliability issue: the 32-bit limits.
   - Requests past UINT32_MAX elements (reserve, reserve_exact, extend, resize,
     insert_n, with_capacity) return VV32_ECAPACITY without allocating, the
     vector unchanged; requests up to the limit are passed to the allocator
     with the exact byte count (no wrap), which refuses them here: ENOMEM.
   - Byte-count overflow: on this 64-bit target a 4 GiB + 8 byte element makes
     vv32_max_elems_ < UINT32_MAX, so the size_t check bites as it would on a
     32-bit target for small elements; vv32_max_elems_ is also checked directly
     for the sizes where SIZE_MAX / size crosses UINT32_MAX.
   - A zero-sized type reaches UINT32_MAX elements without allocating and the
     next push (insert, emplace, extend, reserve, append) fails cleanly.
   --push-all: reach UINT32_MAX zero-sized elements by 4 Gi single pushes
   (seconds at -O2; the default gets there by resize and then pushes).
   Prints "limit checks: N" on success. */
#include "ft_test.h"
#include "valvec32_common.h"
#include "valvec32_ft_u32.h"
#include "valvec32_ft_rec.h"
#include "valvec32_ft_str.h"
#include "valvec32_ft_empty.h"
#include "valvec32_ft_big.h"
#include "valvec32_ft_giant.h"

static unsigned long cases;

/* The vector's header and element bytes, to compare after a failed call. */
struct snap { const void *data; uint32_t len, cap; unsigned char bytes[256]; size_t n; };

#define SNAP(sn, vec) do {                                                   \
      (sn).data = (vec).data; (sn).len = (vec).len; (sn).cap = (vec).cap;    \
      (sn).n = (size_t)(vec).len * sizeof *(vec).data;                      \
      if ((sn).n > sizeof (sn).bytes) (sn).n = sizeof (sn).bytes;           \
      if ((sn).n) memcpy((sn).bytes, (vec).data, (sn).n);                   \
   } while (0)
#define SAME(sn, vec)                                                        \
   ((vec).data == (sn).data && (vec).len == (sn).len && (vec).cap == (sn).cap \
    && ((sn).n == 0 || memcmp((sn).bytes, (vec).data, (sn).n) == 0))

/* call must return want, vec unchanged, and make no allocation attempt, or
   (refused) exactly one attempt of `bytes` bytes, which the allocator refuses.
   out: vec is the call's uninitialised output (garbage in, empty after). */
#define EXPECT_(vec, call, want, bytes, refused, out) do {                    \
      struct snap sn_;                                                       \
      unsigned long c0_ = ft_alloc_calls;                                    \
      vv32_status s_;                                                        \
      if (out)                                                               \
         memset(&(vec), 0, sizeof (vec));                                    \
      SNAP(sn_, vec);                                                        \
      if (out)                                                               \
         memset(&(vec), 0xAB, sizeof (vec));                                 \
      vv32_fault_reset();                                                    \
      ft_set_where("%s: %s", what, #call);                                   \
      s_ = (call);                                                           \
      if (!CHECK(s_ == (want)))                                              \
         fprintf(stderr, "  got %s\n", vv32_strerror(s_));                   \
      if (refused) {                                                         \
         CHECK(vv32_fault_allocs == 1 && ft_alloc_calls == c0_ + 1);         \
         if (!CHECK(ft_last_request == (size_t)(bytes)))                     \
            fprintf(stderr, "  requested %zu bytes, expected %zu\n",         \
                    ft_last_request, (size_t)(bytes));                       \
      } else {                                                               \
         CHECK(vv32_fault_allocs == 0 && ft_alloc_calls == c0_);             \
      }                                                                      \
      CHECK(vv32_fault_clones == 0 && vv32_fault_drops == 0);                \
      CHECK(SAME(sn_, vec));                                                 \
      cases++;                                                               \
   } while (0)
#define EXPECT_NOALLOC(vec, call, want) EXPECT_(vec, call, want, 0, false, false)
#define EXPECT_REFUSED(vec, call, bytes) EXPECT_(vec, call, VV32_ENOMEM, bytes, true, false)
#define EXPECT_NOALLOC_OUT(vec, call, want) EXPECT_(vec, call, want, 0, false, true)
#define EXPECT_REFUSED_OUT(vec, call, bytes) EXPECT_(vec, call, VV32_ENOMEM, bytes, true, true)

#define EMPTY(vec) ((vec).data == NULL && (vec).len == 0 && (vec).cap == 0)

static bool max_elems_direct(void)
{
   bool ok = true;
   const char *what = "vv32_max_elems_";
   static const size_t sizes[] = {
      0, 1, 2, 3, 4, 8, 24, 1u << 20, (size_t)1 << 31,
#if SIZE_MAX > 0xFFFFFFFFu
      (size_t)1 << 32, ((size_t)1 << 32) + 1, ((size_t)1 << 32) + 2, ((size_t)1 << 32) + 8,
      (size_t)1 << 40, SIZE_MAX / 3, SIZE_MAX / 2,
#endif
      SIZE_MAX - 1, SIZE_MAX,
   };
   size_t j;
   ft_set_where("%s", what);
   for (j = 0; j < sizeof sizes / sizeof *sizes; j++) {
      size_t s = sizes[j];
      uint64_t m = vv32_max_elems_(s);
      ft_set_where("vv32_max_elems_(%zu) = %llu", s, (unsigned long long)m);
      CHECK(m <= UINT32_MAX);
      if (s == 0) {
         CHECK(m == UINT32_MAX);
      } else {
         CHECK(m <= SIZE_MAX / s);                         /* m * s does not wrap */
         CHECK(m == UINT32_MAX || m + 1 > SIZE_MAX / s);   /* and is the most that fits */
         CHECK(m >= 1);
      }
      cases++;
   }
   /* where the byte count is what limits: the sizes past SIZE_MAX / UINT32_MAX */
   ft_set_where("vv32_max_elems_ boundary");
   CHECK(vv32_max_elems_(SIZE_MAX / UINT32_MAX) == UINT32_MAX);
   CHECK(vv32_max_elems_(SIZE_MAX / UINT32_MAX + 1) < UINT32_MAX);
   ft_set_where("vv32_cap_of_");
   CHECK(vv32_cap_of_(SIZE_MAX, 1) == UINT32_MAX);
   CHECK(vv32_cap_of_((size_t)UINT32_MAX, 1) == UINT32_MAX);
   CHECK(vv32_cap_of_(100, 24) == 4);
   CHECK(vv32_cap_of_(SIZE_MAX, SIZE_MAX) == 1);
   ft_set_where("vv32_grown_cap_");
   CHECK(vv32_grown_cap_(0, 1, 4) >= 4);
   CHECK(vv32_grown_cap_(4000000000u, 4000000001u, 1) > UINT32_MAX);  /* grow_ must cap it */
   CHECK(vv32_grown_cap_(UINT32_MAX, (uint64_t)UINT32_MAX + 1, 1) > UINT32_MAX);
   cases += 3;
   return ok;
}

static bool pod_limits_u32(void)
{
   bool ok = true;
   const char *what = "ft_u32";
   const uint32_t src[3] = { 7, 8, 9 }, fill = 5;
   valvec32_ft_u32 v;
   uint32_t j;
   const size_t all = (size_t)UINT32_MAX * sizeof(uint32_t);

   EXPECT_REFUSED_OUT(v, valvec32_ft_u32_with_capacity(&v, UINT32_MAX), all);
   CHECK(EMPTY(v));
   valvec32_ft_u32_init(&v);
   EXPECT_REFUSED(v, valvec32_ft_u32_reserve(&v, UINT32_MAX), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_reserve_exact(&v, UINT32_MAX), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_resize(&v, UINT32_MAX, &fill), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_resize(&v, UINT32_MAX, NULL), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_extend(&v, src, UINT32_MAX), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_insert_n(&v, 0, src, UINT32_MAX), all);
   for (j = 0; j < 5; j++)
      CHECK(valvec32_ft_u32_push(&v, j + 1) == VV32_OK);
   /* past UINT32_MAX: ECAPACITY, no allocation */
   EXPECT_NOALLOC(v, valvec32_ft_u32_reserve(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_reserve(&v, UINT32_MAX - 4), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_reserve_exact(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_reserve_exact(&v, UINT32_MAX - 4), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_extend(&v, src, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_extend(&v, src, UINT32_MAX - 4), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_extend(&v, v.data, UINT32_MAX - 4), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_insert_n(&v, 0, src, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_insert_n(&v, 5, src, UINT32_MAX - 4), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_u32_insert_n(&v, 2, v.data, UINT32_MAX - 4), VV32_ECAPACITY);
   /* up to UINT32_MAX: asked for, with the exact byte count */
   EXPECT_REFUSED(v, valvec32_ft_u32_reserve(&v, UINT32_MAX - 5), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_reserve_exact(&v, UINT32_MAX - 5), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_extend(&v, src, UINT32_MAX - 5), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_insert_n(&v, 1, src, UINT32_MAX - 5), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_resize(&v, UINT32_MAX, &fill), all);
   EXPECT_REFUSED(v, valvec32_ft_u32_resize(&v, UINT32_MAX, &v.data[1]), all);
   /* ERANGE before anything else */
   EXPECT_NOALLOC(v, valvec32_ft_u32_insert_n(&v, 6, src, UINT32_MAX), VV32_ERANGE);
   valvec32_ft_u32_destroy(&v);

#ifndef VV32_ANNOTATE
   /* A capacity near UINT32_MAX, faked through adopt (the buffer is really
      64 bytes; nothing past len is touched): amortized growth by 1.25x would
      pass UINT32_MAX, so the request must be capped at UINT32_MAX elements. */
   {
      uint32_t *block = (uint32_t *)ft_realloc(NULL, 64);
      block[0] = 42;
      valvec32_ft_u32_adopt(&v, block, 1, UINT32_MAX - 10);
      EXPECT_REFUSED(v, valvec32_ft_u32_reserve(&v, UINT32_MAX - 10), all);
      EXPECT_NOALLOC(v, valvec32_ft_u32_reserve(&v, UINT32_MAX), VV32_ECAPACITY);
      EXPECT_REFUSED(v, valvec32_ft_u32_reserve_exact(&v, UINT32_MAX - 1), all);
      EXPECT_NOALLOC(v, valvec32_ft_u32_reserve(&v, 1), VV32_OK);
      v.len = UINT32_MAX - 10;       /* pretend it is full: the next push must grow */
      EXPECT_NOALLOC(v, valvec32_ft_u32_reserve(&v, 11), VV32_ECAPACITY);
      EXPECT_REFUSED(v, valvec32_ft_u32_reserve(&v, 10), all);
      EXPECT_REFUSED(v, valvec32_ft_u32_push(&v, 1), all);
      v.len = 1;
      valvec32_ft_u32_destroy(&v);
   }
#endif
   CHECK(ft_all_clear(what));
   return ok;
}

static bool pod_limits_rec(void)
{
   bool ok = true;
   const char *what = "ft_rec (24 bytes)";
   struct ft_rec one = ft_rec_make(1);
   valvec32_ft_rec v;
   const size_t all = (size_t)UINT32_MAX * sizeof(struct ft_rec);
   EXPECT_REFUSED_OUT(v, valvec32_ft_rec_with_capacity(&v, UINT32_MAX), all);
   CHECK(EMPTY(v));
   valvec32_ft_rec_init(&v);
   CHECK(valvec32_ft_rec_push(&v, one) == VV32_OK);
   EXPECT_NOALLOC(v, valvec32_ft_rec_reserve(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_rec_reserve_exact(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_rec_extend(&v, &one, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_rec_insert_n(&v, 0, &one, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_REFUSED(v, valvec32_ft_rec_reserve(&v, UINT32_MAX - 1), all);
   EXPECT_REFUSED(v, valvec32_ft_rec_resize(&v, UINT32_MAX, &one), all);
   valvec32_ft_rec_destroy(&v);
   CHECK(ft_all_clear(what));
   return ok;
}

static bool managed_limits(void)
{
   bool ok = true;
   const char *what = "ft_str (managed)";
   char *s = ft_str_make(1);
   valvec32_ft_str v;
   const size_t all = (size_t)UINT32_MAX * sizeof(char *);
   valvec32_ft_str_init(&v);
   CHECK(valvec32_ft_str_push_clone(&v, &s) == VV32_OK);
   EXPECT_NOALLOC(v, valvec32_ft_str_extend(&v, &s, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_str_insert_n(&v, 0, &s, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_str_reserve(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_str_resize(&v, UINT32_MAX, NULL), VV32_EINVAL);
   EXPECT_NOALLOC(v, valvec32_ft_str_resize(&v, 2, NULL), VV32_EINVAL);
   {
      char *t = ft_str_make(2);   /* ERANGE: the caller still owns t */
      EXPECT_NOALLOC(v, valvec32_ft_str_insert(&v, 2, t), VV32_ERANGE);
      EXPECT_NOALLOC(v, valvec32_ft_str_insert_n(&v, 2, &t, 1), VV32_ERANGE);
      ft_str_drop(&t);
   }
   EXPECT_REFUSED(v, valvec32_ft_str_resize(&v, UINT32_MAX, &s), all);
   EXPECT_REFUSED(v, valvec32_ft_str_resize(&v, UINT32_MAX, &v.data[0]), all);
   EXPECT_REFUSED(v, valvec32_ft_str_extend(&v, &s, UINT32_MAX - 1), all);
   valvec32_ft_str_destroy(&v);
   ft_str_drop(&s);
   CHECK(ft_all_clear(what));
   return ok;
}

/* 1 MiB elements: UINT32_MAX of them is 4 PiB - 1 MiB, which a 64-bit size_t
   holds, so the allocator is asked (and refuses). */
static bool big_limits(void)
{
   bool ok = true;
   const char *what = "ft_big (1 MiB)";
   valvec32_ft_big v;
   const size_t all = (size_t)UINT32_MAX * sizeof(struct ft_big);
   struct ft_big *slot;
   EXPECT_REFUSED_OUT(v, valvec32_ft_big_with_capacity(&v, UINT32_MAX), all);
   CHECK(EMPTY(v));
   valvec32_ft_big_init(&v);
   EXPECT_REFUSED(v, valvec32_ft_big_reserve(&v, UINT32_MAX), all);
   EXPECT_REFUSED(v, valvec32_ft_big_reserve_exact(&v, UINT32_MAX), all);
   ft_set_where("%s: emplace", what);
   slot = valvec32_ft_big_emplace(&v);
   if (CHECK(slot != NULL))
      memset(slot, 0x5A, sizeof *slot);
   EXPECT_NOALLOC(v, valvec32_ft_big_reserve(&v, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_big_extend(&v, v.data, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_big_insert_n(&v, 1, v.data, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_REFUSED(v, valvec32_ft_big_resize(&v, UINT32_MAX, NULL), all);
   valvec32_ft_big_destroy(&v);
   CHECK(ft_all_clear(what));
   return ok;
}

/* Elements of 4 GiB + 8 bytes: the byte count, not UINT32_MAX, is the limit. */
static bool giant_limits(void)
{
   bool ok = true;
   const char *what = "ft_giant (4 GiB + 8)";
   static const unsigned char never_read = 0;
   const struct ft_giant *dummy = (const struct ft_giant *)(const void *)&never_read;
   valvec32_ft_giant v;
   const size_t sz = sizeof(struct ft_giant);
   const uint64_t m = vv32_max_elems_(sz);
   const uint32_t M = (uint32_t)m;
   ft_set_where("%s: vv32_max_elems_", what);
   CHECK(m == SIZE_MAX / sz);
   CHECK(m < UINT32_MAX);
   EXPECT_NOALLOC_OUT(v, valvec32_ft_giant_with_capacity(&v, UINT32_MAX), VV32_ECAPACITY);
   CHECK(EMPTY(v));
   EXPECT_NOALLOC_OUT(v, valvec32_ft_giant_with_capacity(&v, M + 1), VV32_ECAPACITY);
   CHECK(EMPTY(v));
   EXPECT_REFUSED_OUT(v, valvec32_ft_giant_with_capacity(&v, M), (size_t)M * sz);
   CHECK(EMPTY(v));
   valvec32_ft_giant_init(&v);
   EXPECT_NOALLOC(v, valvec32_ft_giant_reserve(&v, M + 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_reserve_exact(&v, M + 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_resize(&v, M + 1, NULL), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_resize(&v, UINT32_MAX, dummy), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_extend(&v, dummy, M + 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_insert_n(&v, 0, dummy, M + 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_giant_insert_n(&v, 0, dummy, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_REFUSED(v, valvec32_ft_giant_reserve(&v, M), (size_t)M * sz);
   EXPECT_REFUSED(v, valvec32_ft_giant_reserve_exact(&v, M), (size_t)M * sz);
   EXPECT_REFUSED(v, valvec32_ft_giant_resize(&v, M, NULL), (size_t)M * sz);
   /* the first amortized allocation: 4 elements */
   EXPECT_REFUSED(v, valvec32_ft_giant_reserve(&v, 1), 4 * sz);
   ft_set_where("%s: emplace", what);
   CHECK(valvec32_ft_giant_emplace(&v) == NULL);
   CHECK(EMPTY(v));
   valvec32_ft_giant_destroy(&v);
   CHECK(ft_all_clear(what));
   return ok;
}

/* A zero-sized type reaches UINT32_MAX elements without allocating. */
static bool zst_limits(bool push_all)
{
   bool ok = true;
   const char *what = "ft_empty (zero-sized)";
   struct ft_empty e = ft_empty_make(0);
   valvec32_ft_empty v, w, c;
   uint32_t n, cap;
   unsigned long calls0 = ft_alloc_calls;
   vv32_status s;

   vv32_fault_reset();
   ft_set_where("%s: with_capacity(UINT32_MAX)", what);
   CHECK(valvec32_ft_empty_with_capacity(&v, UINT32_MAX) == VV32_OK);
   CHECK(v.cap == UINT32_MAX && v.len == 0 && v.data != NULL);
   valvec32_ft_empty_destroy(&v);
   CHECK(EMPTY(v));

   valvec32_ft_empty_init(&v);
   if (push_all) {
      uint64_t i;
      ft_set_where("%s: %s", what, "4 Gi pushes");
      for (i = 0; i < UINT32_MAX; i++)
         if (valvec32_ft_empty_push(&v, e) != VV32_OK)
            break;
      CHECK(i == UINT32_MAX);
   } else {
      ft_set_where("%s: %s", what, "resize to UINT32_MAX - 1000, 1000 pushes");
      CHECK(valvec32_ft_empty_resize(&v, UINT32_MAX - 1000, NULL) == VV32_OK);
      for (n = 0; n < 1000; n++)
         CHECK(valvec32_ft_empty_push(&v, e) == VV32_OK);
   }
   CHECK(v.len == UINT32_MAX && v.cap == UINT32_MAX && v.data != NULL);
   EXPECT_NOALLOC(v, valvec32_ft_empty_push(&v, e), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_push_clone(&v, &e), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_insert(&v, 0, e), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_insert(&v, UINT32_MAX, e), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_insert_n(&v, 7, &e, 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_extend(&v, &e, 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_extend(&v, v.data, UINT32_MAX), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_reserve(&v, 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_reserve_exact(&v, 1), VV32_ECAPACITY);
   EXPECT_NOALLOC(v, valvec32_ft_empty_reserve(&v, 0), VV32_OK);
   EXPECT_NOALLOC(v, valvec32_ft_empty_resize(&v, UINT32_MAX, &e), VV32_OK);
   EXPECT_NOALLOC(v, valvec32_ft_empty_shrink_to_fit(&v), VV32_OK);
   ft_set_where("%s: emplace at UINT32_MAX", what);
   CHECK(valvec32_ft_empty_emplace(&v) == NULL);
   CHECK(v.len == UINT32_MAX);

   valvec32_ft_empty_init(&w);
   CHECK(valvec32_ft_empty_push(&w, e) == VV32_OK);
   {
      struct snap sw;
      SNAP(sw, w);
      EXPECT_NOALLOC(v, valvec32_ft_empty_append(&v, &w), VV32_ECAPACITY);
      ft_set_where("%s: append source after ECAPACITY", what);
      CHECK(SAME(sw, w));
   }
   ft_set_where("%s: clone of UINT32_MAX elements", what);
   CHECK(valvec32_ft_empty_clone(&c, &v) == VV32_OK);
   CHECK(c.len == UINT32_MAX && c.cap == UINT32_MAX);
   valvec32_ft_empty_destroy(&c);
   ft_set_where("%s: pop, push, push", what);
   CHECK(valvec32_ft_empty_pop(&v, NULL));
   CHECK(valvec32_ft_empty_push(&v, e) == VV32_OK);
   s = valvec32_ft_empty_push(&v, e);
   CHECK(s == VV32_ECAPACITY);
   ft_set_where("%s: release", what);
   CHECK(valvec32_ft_empty_release(&v, &n, &cap) == NULL);
   CHECK(n == UINT32_MAX && cap == 0 && EMPTY(v));
   ft_set_where("%s: append moves all but one into an empty vector", what);
   CHECK(valvec32_ft_empty_resize(&v, UINT32_MAX - 1, NULL) == VV32_OK);
   CHECK(valvec32_ft_empty_append(&w, &v) == VV32_OK);
   CHECK(w.len == UINT32_MAX && v.len == 0);
   valvec32_ft_empty_destroy(&w);
   valvec32_ft_empty_destroy(&v);
   ft_set_where("%s: never allocates", what);
   CHECK(ft_alloc_calls == calls0 && vv32_fault_allocs == 0);
   CHECK(ft_all_clear(what));
   cases += 6;
   return ok;
}

int main(int argc, char **argv)
{
   bool push_all = argc > 1 && strcmp(argv[1], "--push-all") == 0;
   max_elems_direct();
   pod_limits_u32();
   pod_limits_rec();
   managed_limits();
   big_limits();
   giant_limits();
   zst_limits(push_all);
   if (ft_failed_checks) {
      fprintf(stderr, "fault_limits: %lu checks FAILED\n", ft_failed_checks);
      return 1;
   }
   printf("limit checks: %lu\n", cases);
   return 0;
}
