/* Checked-build probe: one generated vector type, one scenario, one action.

     probe --run LABEL TAG [SCENARIO...]
                                run every case of this build (each in a
                                child process), one line per case
     probe --list               the scenarios and their actions
     probe SCENARIO ACTION      run one case (to rerun a failure)
     probe debug CASE           run one VV32_DEBUG case

   The type comes from the build: -DPROBE_I32, -DPROBE_POINT, -DPROBE_STR,
   -DPROBE_U32, -DPROBE_U8 or -DPROBE_BUF (see the adapters below). The
   generated sources are compiled with -DVV32_FAULT_INJECTION, so allocations
   and clones can be made to fail.

   A scenario builds a state with the operation under test and names a target
   vector; the action then touches the target:

     read_past    reads data[len]: under ASan with annotations the report is
                  "container-overflow"; without annotations (or on a released
                  buffer) it is a plain read inside the allocation: clean
     write_past   writes data[len], same expectations
     read_in      reads data[len - 1]: always clean
     verify       checks the shadow of every byte of every vector the scenario
                  touches, after every step: [0, len) addressable and
                  [len, cap) poisoned (all addressable without annotations, or
                  for a released buffer); also run without ASan, as a smoke run

   Exit status: 0 case ran clean; 1 verify mismatch (or an ASan report, which
   exits 1 by default); 2 the probe's own setup went wrong (a status it did not
   expect, a state without spare capacity): a probe or vector bug, reported as
   such by run.sh. In every build the allocator entry points are wrapped
   (-Wl,--wrap) to check that no byte handed back to the allocator is still
   poisoned ("lift it before any realloc or free, including custom hooks"). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define PROBE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROBE_ASAN 1
#endif
#endif
#ifdef PROBE_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* ---- type adapters ------------------------------------------------------- */

#if defined(PROBE_I32)
#include "valvec32_i32.h"
#define PNAME i32
#define PNAME_S "i32"
typedef int32_t T;
static T mk(int i) { return (T)i; }
static void drop1(T *x) { (void)x; }
#define PROBE_MANAGED 0
#elif defined(PROBE_U8)
#include "valvec32_u8.h"
#define PNAME u8
#define PNAME_S "u8"
typedef uint8_t T;
static T mk(int i) { return (T)i; }
static void drop1(T *x) { (void)x; }
#define PROBE_MANAGED 0
#elif defined(PROBE_POINT)
#include "valvec32_point.h"
#define PNAME point
#define PNAME_S "point"
typedef struct point T;
static T mk(int i) { return point_sample(i); }
static void drop1(T *x) { (void)x; }
#define PROBE_MANAGED 0
#elif defined(PROBE_STR)
#include "valvec32_str.h"
#define PNAME str
#define PNAME_S "str"
typedef char *T;
static T mk(int i) { return str_from_int(i); }
static void drop1(T *x) { str_drop(x); }
#define PROBE_MANAGED 1
#elif defined(PROBE_BUF)
#include "valvec32_buf.h"
#define PNAME buf
#define PNAME_S "buf"
typedef struct buf T;
static T mk(int i) { return buf_sample(i); }
static void drop1(T *x) { buf_drop(x); }
#define PROBE_MANAGED 1
#elif defined(PROBE_U32)
#include "valvec32_u32.h"
#define PNAME u32
#define PNAME_S "u32"
typedef uint32_t T;
static T mk(int i) { return (T)i; }
static void drop1(T *x) { (void)x; }
#define PROBE_MANAGED 0
#define PROBE_CUSTOM_ALLOC 1    /* count_realloc/count_free: usable > requested */
#else
#error "define one of PROBE_I32 PROBE_U8 PROBE_POINT PROBE_STR PROBE_BUF PROBE_U32"
#endif

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define VEC CAT(valvec32_, PNAME)
#define FN(op) CAT(CAT(VEC, _), op)
#define VEC_S "valvec32_" PNAME_S

/* The type's allocator, for adopt and for freeing a released buffer. */
#ifdef PROBE_CUSTOM_ALLOC
static void *raw_alloc(size_t n) { return count_realloc(NULL, n); }
static void raw_free(void *p) { count_free(p); }
#else
static void *raw_alloc(size_t n) { return malloc(n); }
static void raw_free(void *p) { free(p); }
#endif

/* ---- allocator wrappers: nothing goes back to the allocator poisoned ------ */

/* Blocks handed back to the allocator (realloc of a non-NULL block, free)
   whose bytes were all found addressable. */
static unsigned long handbacks;

#ifdef PROBE_ASAN
#include <malloc.h>
static void check_lifted(const char *who, void *p, size_t n)
{
   void *bad;
   if (p == NULL || n == 0)
      return;
   handbacks++;
   bad = __asan_region_is_poisoned(p, n);
   if (bad != NULL) {
      fprintf(stderr, "probe: %s(%p) while byte %ld of its %lu usable bytes is still "
              "poisoned (annotation not lifted)\n", who, p,
              (long)((char *)bad - (char *)p), (unsigned long)n);
      exit(1);
   }
}
#else
static void check_lifted(const char *who, void *p, size_t n)
{
   (void)who; (void)p; (void)n;
}
#endif

#ifdef PROBE_CUSTOM_ALLOC
void *__real_count_realloc(void *p, size_t n);
void __real_count_free(void *p);
void *__wrap_count_realloc(void *p, size_t n);
void __wrap_count_free(void *p);
void *__wrap_count_realloc(void *p, size_t n)
{
   if (p != NULL)
      check_lifted("count_realloc", p, count_usable_size(p));
   return __real_count_realloc(p, n);
}
void __wrap_count_free(void *p)
{
   if (p != NULL)
      check_lifted("count_free", p, count_usable_size(p));
   __real_count_free(p);
}
#else
void *__real_vv32_realloc_(void *p, size_t n);
void __real_vv32_free_(void *p);
void *__wrap_vv32_realloc_(void *p, size_t n);
void __wrap_vv32_free_(void *p);
#ifdef PROBE_ASAN
#define USABLE(p) malloc_usable_size(p)
#else
#define USABLE(p) ((size_t)0)
#endif
void *__wrap_vv32_realloc_(void *p, size_t n)
{
   if (p != NULL)
      check_lifted("vv32_realloc_", p, USABLE(p));
   return __real_vv32_realloc_(p, n);
}
void __wrap_vv32_free_(void *p)
{
   if (p != NULL)
      check_lifted("vv32_free_", p, USABLE(p));
   __real_vv32_free_(p);
}
#endif

/* ---- state, checks --------------------------------------------------------- */

static const char *scenario_name = "?";
static int verifying;                     /* action verify: check after each step */
static unsigned long checks;

#define MAXV 4
static struct { const char *name; VEC *v; } tracked[MAXV];
static int ntracked;

/* A released buffer: the caller owns all of it. */
static struct { T *p; uint32_t len, cap; } released;

/* The target of the action: a tracked vector or the released buffer. */
static VEC *target;
static int target_released;

static void track(const char *name, VEC *v)
{
   tracked[ntracked].name = name;
   tracked[ntracked].v = v;
   ntracked++;
}

static void fail(const char *fmt, ...)
{
   va_list ap;
   fprintf(stderr, "probe %s: ", scenario_name);
   va_start(ap, fmt);
   vfprintf(stderr, fmt, ap);
   va_end(ap);
   fputc('\n', stderr);
   exit(2);
}

#ifdef VV32_ANNOTATE
#define ANNOTATED 1
#else
#define ANNOTATED 0
#endif

/* Every byte of [p, p + cap_bytes): poisoned exactly from live_bytes on. */
static void check_region(int line, const char *name, const void *p, size_t live_bytes,
                         size_t cap_bytes)
{
#ifdef PROBE_ASAN
   size_t i;
   for (i = 0; i < cap_bytes; i++) {
      int poisoned = __asan_address_is_poisoned((const char *)p + i);
      int want = ANNOTATED && i >= live_bytes;
      if (poisoned != want) {
         fprintf(stderr, "probe %s: verify after line %d: %s: byte %lu of [0, %lu) is %s, "
                 "expected %s (live bytes [0, %lu))\n", scenario_name, line, name,
                 (unsigned long)i, (unsigned long)cap_bytes,
                 poisoned ? "poisoned" : "addressable",
                 want ? "poisoned" : "addressable", (unsigned long)live_bytes);
         exit(1);
      }
   }
#else
   (void)line; (void)name; (void)p; (void)live_bytes; (void)cap_bytes;
#endif
   checks++;
}

static void check_all(int line)
{
   int k;
   if (!verifying)
      return;
   for (k = 0; k < ntracked; k++) {
      VEC *v = tracked[k].v;
      if (v->len > v->cap)
         fail("line %d: %s: len %u > cap %u", line, tracked[k].name, v->len, v->cap);
      if (v->data != NULL && v->cap != 0)
         check_region(line, tracked[k].name, v->data, sizeof(T) * v->len, sizeof(T) * v->cap);
   }
   if (released.p != NULL)
      check_region(line, "released buffer", released.p, sizeof(T) * released.cap,
                   sizeof(T) * released.cap);
}
#define CK() check_all(__LINE__)

static void must_(vv32_status s, vv32_status want, int line)
{
   if (s != want)
      fail("line %d: status %d (%s), expected %d (%s)", line, (int)s, vv32_strerror(s),
           (int)want, vv32_strerror(want));
   check_all(line);
}
#define MUST(call) must_((call), VV32_OK, __LINE__)
#define MUST_FAIL(call, st) must_((call), (st), __LINE__)

/* Appends n samples with the inline push. */
static void fill(VEC *v, int from, int n)
{
   int i;
   for (i = 0; i < n; i++) {
      MUST(FN(push)(v, mk(from + i)));
   }
}

/* Appends samples until len == cap (cap must be > 0). */
static void fill_to_cap(VEC *v)
{
   while (v->len < v->cap) {
      MUST(FN(push)(v, mk((int)v->len)));
   }
}

/* Spare elements that span at least two ASan granules (16 bytes): a read
   at len then lands in, or before, a granule the annotation poisoned. */
#define ROOM ((uint32_t)((16 + sizeof(T) - 1) / sizeof(T)))

/* Makes room for total elements and ROOM more. */
static void reserve_total(VEC *v, uint32_t total)
{
   MUST(FN(reserve_exact)(v, total + ROOM - v->len));
}

/* ---- scenarios --------------------------------------------------------------- */

static VEC a, b;     /* a: the usual target; b: the second vector of two-vector ops */

/* inline push, fast path: room reserved first */
static void sc_push(void) { reserve_total(&a, 8); fill(&a, 0, 3); target = &a; }
/* push through its slow path (the first push allocates) */
static void sc_push_slow(void) { MUST(FN(push)(&a, mk(0))); target = &a; }
/* push reaching the boundary, then growing (annotation across realloc) */
static void sc_push_grow(void) { fill(&a, 0, 3); fill_to_cap(&a); fill(&a, 100, 1); target = &a; }
static void sc_push_unchecked(void)
{
   int i;
   reserve_total(&a, 8);
   for (i = 0; i < 3; i++) {
      FN(push_unchecked)(&a, mk(i));
      CK();
   }
   target = &a;
}
static void sc_emplace(void)
{
   T *slot;
   reserve_total(&a, 8);
   fill(&a, 0, 2);
   slot = FN(emplace)(&a);
   if (slot == NULL)
      fail("emplace returned NULL");
   *slot = mk(7);
   CK();
   target = &a;
}
static void sc_emplace_grow(void)
{
   T *slot = FN(emplace)(&a);      /* empty: allocates */
   if (slot == NULL)
      fail("emplace returned NULL");
   *slot = mk(7);
   CK();
   target = &a;
}
static void sc_push_clone(void)
{
   reserve_total(&a, 8);
   fill(&a, 0, 2);
   MUST(FN(push_clone)(&a, &a.data[0]));
   target = &a;
}
static void sc_truncate(void) { fill(&a, 0, 6); FN(truncate)(&a, 2); CK(); target = &a; }
static void sc_clear(void) { fill(&a, 0, 4); FN(clear)(&a); CK(); target = &a; }
static void sc_pop(void)
{
   T out;
   fill(&a, 0, 4);
   if (!FN(pop)(&a, &out))
      fail("pop returned false");
   drop1(&out);
   CK();
   if (!FN(pop)(&a, NULL))
      fail("pop returned false");
   CK();
   target = &a;
}
static void sc_remove(void) { fill(&a, 0, 5); MUST(FN(remove)(&a, 1, NULL)); target = &a; }
static void sc_swap_remove(void) { fill(&a, 0, 5); MUST(FN(swap_remove)(&a, 1, NULL)); target = &a; }
static void sc_erase(void) { fill(&a, 0, 6); MUST(FN(erase)(&a, 1, 3)); target = &a; }
static bool keep_even_(const T *e, void *ctx)
{
   int *k = (int *)ctx;
   (void)e;
   return (*k)++ % 2 == 0;
}
static void sc_retain(void)
{
   int k = 0;
   fill(&a, 0, 6);
   FN(retain)(&a, keep_even_, &k);
   CK();
   target = &a;
}
static void sc_dedup(void)
{
   fill(&a, 0, 1); fill(&a, 0, 1); fill(&a, 1, 1); fill(&a, 1, 1); fill(&a, 2, 1);
   if (FN(dedup)(&a) != 2)
      fail("dedup did not drop 2");
   CK();
   target = &a;
}
static void sc_resize_down(void) { fill(&a, 0, 6); MUST(FN(resize)(&a, 2, NULL)); target = &a; }
static void sc_resize_up(void)
{
   T f = mk(9);
   reserve_total(&a, 16);
   fill(&a, 0, 2);
   MUST(FN(resize)(&a, 5, &f));
   drop1(&f);
   target = &a;
}
/* resize that reallocates, filling from an element of the vector itself */
static void sc_resize_grow_self(void)
{
   fill(&a, 0, 2);
   fill_to_cap(&a);
   MUST(FN(resize)(&a, a.cap + 1, &a.data[0]));
   target = &a;
}
static void sc_reserve(void) { fill(&a, 0, 2); MUST(FN(reserve)(&a, 20)); target = &a; }
static void sc_reserve_exact(void) { fill(&a, 0, 2); MUST(FN(reserve_exact)(&a, 20)); target = &a; }
static void sc_shrink_to(void)
{
   fill(&a, 0, 3);
   MUST(FN(reserve)(&a, 40));
   MUST(FN(shrink_to)(&a, 3 + ROOM));
   target = &a;
}
/* cap == len after it under ASan (usable size = requested) but for u32 */
static void sc_shrink_to_fit(void)
{
   fill(&a, 0, 3);
   MUST(FN(reserve)(&a, 40));
   MUST(FN(shrink_to_fit)(&a));
   target = &a;
}
static void sc_with_capacity(void) { MUST(FN(with_capacity)(&a, 10)); fill(&a, 0, 2); target = &a; }
static void sc_with_capacity_empty(void) { MUST(FN(with_capacity)(&a, 8)); target = &a; }
static void sc_destroy_reuse(void)
{
   fill(&a, 0, 3);
   FN(destroy)(&a);
   CK();
   fill(&a, 10, 3);
   target = &a;
}
static void sc_insert(void) { reserve_total(&a, 10); fill(&a, 0, 3); MUST(FN(insert)(&a, 1, mk(9))); target = &a; }
static void sc_insert_grow(void)
{
   fill(&a, 0, 3);
   fill_to_cap(&a);
   MUST(FN(insert)(&a, 1, mk(9)));
   target = &a;
}
static void sc_insert_n(void)
{
   T src[3];
   int i;
   for (i = 0; i < 3; i++)
      src[i] = mk(20 + i);
   reserve_total(&a, 16);
   fill(&a, 0, 3);
   MUST(FN(insert_n)(&a, 1, src, 3));
   for (i = 0; i < 3; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_insert_n_self(void)
{
   fill(&a, 0, 3);
   fill_to_cap(&a);
   MUST(FN(insert_n)(&a, 1, a.data, 2));    /* source inside v, reallocating */
   target = &a;
}
static void sc_extend(void)
{
   T src[3];
   int i;
   for (i = 0; i < 3; i++)
      src[i] = mk(20 + i);
   reserve_total(&a, 16);
   fill(&a, 0, 2);
   MUST(FN(extend)(&a, src, 3));
   for (i = 0; i < 3; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_extend_self(void)
{
   fill(&a, 0, 3);
   fill_to_cap(&a);
   MUST(FN(extend)(&a, a.data, a.len));    /* doubles, reallocating */
   if (a.len == a.cap)
      MUST(FN(reserve)(&a, 1));
   target = &a;
}
/* append into a dst with spare room: target dst / src (emptied, keeps buffer) */
static void append_(void)
{
   reserve_total(&a, 16);
   fill(&a, 0, 2);
   fill(&b, 10, 3);
   MUST(FN(append)(&a, &b));
}
static void sc_append_dst(void) { append_(); target = &a; }
static void sc_append_src(void) { append_(); target = &b; }
/* append into an empty dst too small: the buffers are swapped */
static void append_swap_(void)
{
   MUST(FN(reserve_exact)(&a, 1));
   reserve_total(&b, a.cap + 16);
   fill(&b, 10, (int)a.cap + 1);    /* more elements than a's cap, spare room */
   MUST(FN(append)(&a, &b));
}
static void sc_append_swap_dst(void) { append_swap_(); target = &a; }
static void sc_append_swap_src(void) { append_swap_(); target = &b; }
static void sc_split_off(void) { fill(&a, 0, 6); MUST(FN(split_off)(&a, 3, &b)); target = &a; }
/* the tail is allocated exactly: spare room only with the u32 allocator */
static void sc_split_off_tail(void) { fill(&a, 0, 6); MUST(FN(split_off)(&a, 3, &b)); target = &b; }
static void drain_(void)
{
   fill(&a, 0, 6);
   reserve_total(&b, 16);
   fill(&b, 10, 1);
   MUST(FN(drain)(&a, 1, 3, &b));
}
static void sc_drain(void) { drain_(); target = &a; }
static void sc_drain_out(void) { drain_(); target = &b; }
/* the clone is allocated exactly: spare room only with the u32 allocator */
static void sc_clone(void) { fill(&a, 0, 3); MUST(FN(clone)(&b, &a)); target = &b; }
static void sc_clone_src(void) { fill(&a, 0, 3); MUST(FN(clone)(&b, &a)); target = &a; }
static void sc_swap(void)
{
   reserve_total(&a, 8);
   fill(&a, 0, 2);
   fill(&b, 10, 5);
   FN(swap)(&a, &b);
   CK();
   target = &b;     /* a's old buffer */
}
static void sc_reverse(void) { reserve_total(&a, 8); fill(&a, 0, 3); FN(reverse)(&a); CK(); target = &a; }
/* release: the caller owns the whole buffer, nothing stays poisoned */
static void sc_release(void)
{
   uint32_t len = 0, cap = 0;
   reserve_total(&a, 8);
   fill(&a, 0, 3);
   released.p = FN(release)(&a, &len, &cap);
   released.len = len;
   released.cap = cap;
   CK();
   target_released = 1;
}
/* adopt a released buffer: [len, cap) poisoned again */
static void sc_adopt(void)
{
   uint32_t len = 0, cap = 0;
   T *p;
   reserve_total(&a, 8);
   fill(&a, 0, 3);
   p = FN(release)(&a, &len, &cap);
   FN(adopt)(&b, p, len, cap);
   CK();
   target = &b;
}
/* adopt a buffer fresh from the type's allocator, never annotated */
static void sc_adopt_fresh(void)
{
   T *p = (T *)raw_alloc((2 + ROOM) * sizeof(T));
   if (p == NULL)
      fail("out of memory");
   p[0] = mk(0);
   p[1] = mk(1);
   FN(adopt)(&b, p, 2, 2 + ROOM);
   CK();
   target = &b;
}

/* shrink_to(0) of an empty vector frees the buffer */
static void sc_shrink_to_zero(void)
{
   fill(&a, 0, 3);
   FN(clear)(&a);
   CK();
   MUST(FN(shrink_to)(&a, 0));     /* may free the buffer (then the wrapper checks it) */
   target = &a;
}
#if !defined(PROBE_BUF)       /* buf has eq only: no sort */
/* 40 elements: past the stable sort's insertion-sort cutoff, so it allocates */
static void sorted_(void)
{
   int i;
   reserve_total(&a, 40);
   for (i = 0; i < 40; i++) {
      MUST(FN(push)(&a, mk((i * 17) % 40)));
   }
}
static void sc_sort(void) { sorted_(); FN(sort)(&a); CK(); target = &a; }
static void sc_stable_sort(void) { sorted_(); MUST(FN(stable_sort)(&a)); target = &a; }
static void sc_failed_stable_sort(void)
{
   sorted_();
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(stable_sort)(&a), VV32_ENOMEM);
   target = &a;
}
#endif
/* Negative control: a buffer handed to the allocator still poisoned must be
   caught by the allocator wrappers (else their silence proves nothing). */
static void sc_control_unlifted_free(void)
{
   void *p;
   reserve_total(&a, 8);
   fill(&a, 0, 3);
   p = a.data;
   FN(init)(&a);                    /* the vector forgets it, poisoned */
#ifdef PROBE_CUSTOM_ALLOC
   count_free(p);                   /* wrapped: must stop here */
#else
   vv32_free_(p);                   /* wrapped: must stop here */
#endif
   fail("the allocator wrapper let a poisoned buffer through");
}

/* ---- error paths (fault injection) ---- */

/* a failed grow with spare room: reserve past what the allocator gives */
static void sc_failed_reserve(void)
{
   fill(&a, 0, 3);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(reserve)(&a, 100), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_reserve_exact(void)
{
   fill(&a, 0, 3);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(reserve_exact)(&a, 100), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_shrink(void)
{
   fill(&a, 0, 3);
   MUST(FN(reserve)(&a, 40));
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(shrink_to)(&a, 3 + ROOM), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_extend(void)
{
   T src[64];
   uint32_t i, n;
   fill(&a, 0, 3);
   n = a.cap - a.len + 1;            /* one more than fits: must grow */
   if (n > 64)
      fail("cap %u too large for the source array", a.cap);
   for (i = 0; i < n; i++)
      src[i] = mk(20 + (int)i);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(extend)(&a, src, n), VV32_ENOMEM);
   for (i = 0; i < n; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_failed_insert_n(void)
{
   T src[64];
   uint32_t i, n;
   fill(&a, 0, 3);
   n = a.cap - a.len + 1;            /* one more than fits: must grow */
   if (n > 64)
      fail("cap %u too large for the source array", a.cap);
   for (i = 0; i < n; i++)
      src[i] = mk(20 + (int)i);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(insert_n)(&a, 1, src, n), VV32_ENOMEM);
   for (i = 0; i < n; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_failed_resize(void)
{
   T f = mk(9);
   fill(&a, 0, 3);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(resize)(&a, 100, &f), VV32_ENOMEM);
   drop1(&f);
   target = &a;
}
/* at capacity: no spare room after the failure, so only read_in and verify */
static void sc_failed_push(void)
{
   T x = mk(99);
   fill(&a, 0, 3);
   fill_to_cap(&a);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(push)(&a, x), VV32_ENOMEM);
   drop1(&x);
   target = &a;
}
static void sc_failed_emplace(void)
{
   fill(&a, 0, 3);
   fill_to_cap(&a);
   vv32_fault_alloc_countdown = 1;
   if (FN(emplace)(&a) != NULL)
      fail("emplace did not fail");
   CK();
   target = &a;
}
static void sc_failed_insert(void)
{
   T x = mk(99);
   fill(&a, 0, 3);
   fill_to_cap(&a);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(insert)(&a, 0, x), VV32_ENOMEM);
   drop1(&x);
   target = &a;
}
/* clone() of a vector whose allocation fails: dst empty; src untouched */
static void sc_failed_clone(void)
{
   fill(&a, 0, 3);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(clone)(&b, &a), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_split_off(void)
{
   reserve_total(&a, 12);
   fill(&a, 0, 6);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(split_off)(&a, 3, &b), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_drain(void)
{
   reserve_total(&a, 12);
   fill(&a, 0, 6);
   fill(&b, 10, 1);
   fill_to_cap(&b);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(drain)(&a, 1, 3, &b), VV32_ENOMEM);
   target = &a;
}
static void sc_failed_append(void)
{
   fill(&a, 0, 2);
   fill_to_cap(&a);
   fill(&b, 10, 3);
   vv32_fault_alloc_countdown = 1;
   MUST_FAIL(FN(append)(&a, &b), VV32_ENOMEM);
   target = &b;
}
#if PROBE_MANAGED
/* VV32_ECLONE: the capacity may have grown, the length is unchanged */
static void sc_eclone_extend(void)
{
   T src[3];
   int i;
   for (i = 0; i < 3; i++)
      src[i] = mk(20 + i);
   fill(&a, 0, 3);
   vv32_fault_clone_countdown = 2;
   MUST_FAIL(FN(extend)(&a, src, 3), VV32_ECLONE);
   for (i = 0; i < 3; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_eclone_insert_n(void)
{
   T src[3];
   int i;
   for (i = 0; i < 3; i++)
      src[i] = mk(20 + i);
   fill(&a, 0, 3);
   vv32_fault_clone_countdown = 2;
   MUST_FAIL(FN(insert_n)(&a, 1, src, 3), VV32_ECLONE);
   for (i = 0; i < 3; i++)
      drop1(&src[i]);
   target = &a;
}
static void sc_eclone_resize(void)
{
   T f = mk(9);
   fill(&a, 0, 3);
   vv32_fault_clone_countdown = 2;
   MUST_FAIL(FN(resize)(&a, 6, &f), VV32_ECLONE);
   drop1(&f);
   target = &a;
}
static void sc_eclone_push_clone(void)
{
   fill(&a, 0, 3);
   vv32_fault_clone_countdown = 1;
   MUST_FAIL(FN(push_clone)(&a, &a.data[0]), VV32_ECLONE);
   target = &a;
}
static void sc_eclone_clone(void)
{
   fill(&a, 0, 3);
   vv32_fault_clone_countdown = 2;
   MUST_FAIL(FN(clone)(&b, &a), VV32_ECLONE);
   target = &a;
}
#endif

/* Flags: what the state after the scenario allows. */
#define F_SPARE 1u    /* the target has spare capacity: read_past / write_past */
#define F_SLACK 2u    /* spare capacity only with a slack allocator (u32) */
#define F_LIVE 4u     /* the target has elements: read_in */
#define F_WRITE 8u    /* also run write_past */
#define F_RAW 16u     /* the target is a released buffer: past len is clean */
#define F_CONTROL 32u /* negative control: the allocator wrapper must object */

static const struct scenario {
   const char *name;
   void (*run)(void);
   unsigned flags;
} scenarios[] = {
   {"push", sc_push, F_SPARE | F_LIVE | F_WRITE},
   {"push_slow", sc_push_slow, F_SPARE | F_LIVE},
   {"push_grow", sc_push_grow, F_SPARE | F_LIVE},
   {"push_unchecked", sc_push_unchecked, F_SPARE | F_LIVE | F_WRITE},
   {"push_clone", sc_push_clone, F_SPARE | F_LIVE},
   {"emplace", sc_emplace, F_SPARE | F_LIVE | F_WRITE},
   {"emplace_grow", sc_emplace_grow, F_SPARE | F_LIVE},
   {"truncate", sc_truncate, F_SPARE | F_LIVE | F_WRITE},
   {"clear", sc_clear, F_SPARE | F_WRITE},
   {"pop", sc_pop, F_SPARE | F_LIVE | F_WRITE},
   {"remove", sc_remove, F_SPARE | F_LIVE},
   {"swap_remove", sc_swap_remove, F_SPARE | F_LIVE},
   {"erase", sc_erase, F_SPARE | F_LIVE},
   {"retain", sc_retain, F_SPARE | F_LIVE},
   {"dedup", sc_dedup, F_SPARE | F_LIVE},
   {"resize_down", sc_resize_down, F_SPARE | F_LIVE},
   {"resize_up", sc_resize_up, F_SPARE | F_LIVE},
   {"resize_grow_self", sc_resize_grow_self, F_SPARE | F_LIVE},
   {"reserve", sc_reserve, F_SPARE | F_LIVE},
   {"reserve_exact", sc_reserve_exact, F_SPARE | F_LIVE},
   {"shrink_to", sc_shrink_to, F_SPARE | F_LIVE},
   {"shrink_to_fit", sc_shrink_to_fit, F_SLACK | F_LIVE},
   {"with_capacity", sc_with_capacity, F_SPARE | F_LIVE},
   {"with_capacity_empty", sc_with_capacity_empty, F_SPARE},
   {"destroy_reuse", sc_destroy_reuse, F_SPARE | F_LIVE},
   {"insert", sc_insert, F_SPARE | F_LIVE},
   {"insert_grow", sc_insert_grow, F_SPARE | F_LIVE},
   {"insert_n", sc_insert_n, F_SPARE | F_LIVE},
   {"insert_n_self", sc_insert_n_self, F_SPARE | F_LIVE},
   {"extend", sc_extend, F_SPARE | F_LIVE},
   {"extend_self", sc_extend_self, F_SPARE | F_LIVE},
   {"append_dst", sc_append_dst, F_SPARE | F_LIVE},
   {"append_src", sc_append_src, F_SPARE | F_WRITE},
   {"append_swap_dst", sc_append_swap_dst, F_SPARE | F_LIVE},
   {"append_swap_src", sc_append_swap_src, F_SPARE},
   {"split_off", sc_split_off, F_SPARE | F_LIVE},
   {"split_off_tail", sc_split_off_tail, F_SLACK | F_LIVE},
   {"drain", sc_drain, F_SPARE | F_LIVE},
   {"drain_out", sc_drain_out, F_SPARE | F_LIVE},
   {"clone", sc_clone, F_SLACK | F_LIVE},
   {"clone_src", sc_clone_src, F_SPARE | F_LIVE},
   {"swap", sc_swap, F_SPARE | F_LIVE},
   {"reverse", sc_reverse, F_SPARE | F_LIVE},
   {"release", sc_release, F_SPARE | F_LIVE | F_WRITE | F_RAW},
   {"adopt", sc_adopt, F_SPARE | F_LIVE | F_WRITE},
   {"adopt_fresh", sc_adopt_fresh, F_SPARE | F_LIVE},
   {"shrink_to_zero", sc_shrink_to_zero, 0},
#if !defined(PROBE_BUF)
   {"sort", sc_sort, F_SPARE | F_LIVE},
   {"stable_sort", sc_stable_sort, F_SPARE | F_LIVE},
   {"failed_stable_sort", sc_failed_stable_sort, F_SPARE | F_LIVE},
#endif
   {"failed_reserve", sc_failed_reserve, F_SPARE | F_LIVE | F_WRITE},
   {"failed_reserve_exact", sc_failed_reserve_exact, F_SPARE | F_LIVE},
   {"failed_shrink", sc_failed_shrink, F_SPARE | F_LIVE},
   {"failed_extend", sc_failed_extend, F_SPARE | F_LIVE},
   {"failed_insert_n", sc_failed_insert_n, F_SPARE | F_LIVE},
   {"failed_resize", sc_failed_resize, F_SPARE | F_LIVE},
   {"failed_push", sc_failed_push, F_LIVE},
   {"failed_emplace", sc_failed_emplace, F_LIVE},
   {"failed_insert", sc_failed_insert, F_LIVE},
   {"failed_clone", sc_failed_clone, F_SPARE | F_LIVE},
   {"failed_split_off", sc_failed_split_off, F_SPARE | F_LIVE},
   {"failed_drain", sc_failed_drain, F_SPARE | F_LIVE},
   {"failed_append", sc_failed_append, F_SPARE | F_LIVE},
   {"control_unlifted_free", sc_control_unlifted_free, F_CONTROL},
#if PROBE_MANAGED
   {"eclone_extend", sc_eclone_extend, F_SPARE | F_LIVE},
   {"eclone_insert_n", sc_eclone_insert_n, F_SPARE | F_LIVE},
   {"eclone_resize", sc_eclone_resize, F_SPARE | F_LIVE},
   {"eclone_push_clone", sc_eclone_push_clone, F_SPARE | F_LIVE},
   {"eclone_clone", sc_eclone_clone, F_SPARE | F_LIVE},
#endif
};
#define NSCEN (sizeof scenarios / sizeof scenarios[0])

#ifdef PROBE_CUSTOM_ALLOC
#define HAVE_SLACK 1
#else
#define HAVE_SLACK 0
#endif

#ifdef PROBE_ASAN
#define ASAN_BUILD 1
#else
#define ASAN_BUILD 0
#endif
#ifdef VV32_DEBUG
#define DEBUG_BUILD 1
#else
#define DEBUG_BUILD 0
#endif

/* The actions a scenario takes in this build, and which of them must end in
   a container-overflow report (the rest must run clean). Past len is only
   touched under ASan; a released buffer is the caller's: clean. */
#define A_VERIFY 1u
#define A_READ_IN 2u
#define A_READ_PAST 4u
#define A_WRITE_PAST 8u
static const char *const action_names[] = {"verify", "read_in", "read_past", "write_past"};

static unsigned scenario_actions(const struct scenario *sc)
{
   unsigned f = sc->flags, acts = A_VERIFY;
   if (f & F_CONTROL)
      return ASAN_BUILD && ANNOTATED ? A_VERIFY : 0;
   if (f & F_LIVE)
      acts |= A_READ_IN;
   if (ASAN_BUILD && ((f & F_SPARE) || ((f & F_SLACK) && HAVE_SLACK))) {
      acts |= A_READ_PAST;
      if (f & F_WRITE)
         acts |= A_WRITE_PAST;
   }
   return acts;
}

static int past_overflows(const struct scenario *sc)
{
   return ASAN_BUILD && ANNOTATED && !(sc->flags & F_RAW);
}

/* One line per scenario: name, then action=expectation ("overflow": an ASan
   container-overflow report; "clean": exit 0, no report). */
static void list(void)
{
   size_t k;
   unsigned i;
   for (k = 0; k < NSCEN; k++) {
      unsigned acts = scenario_actions(&scenarios[k]);
      printf("%s", scenarios[k].name);
      for (i = 0; i < 4; i++)
         if (acts & (1u << i))
            printf(" %s=%s", action_names[i],
                   i >= 2 && past_overflows(&scenarios[k]) ? "overflow" : "clean");
      printf("\n");
   }
}

/* ---- VV32_DEBUG cases ------------------------------------------------------------- */

static void expect(const char *fmt, ...)
{
   va_list ap;
   printf("expect: ");
   va_start(ap, fmt);
   vprintf(fmt, ap);
   va_end(ap);
   printf("\n");
   fflush(stdout);
}

static void setup_(void);
static void cleanup_all_(void);

static bool keep_all_(const T *e, void *ctx) { (void)e; (void)ctx; return true; }

/* results are stored, so that the calls on a NULL vector are not optimised out */
static T *volatile psink;
static volatile uint32_t usink;
static volatile int ssink;

/* name: the case; fn: the function its message must name (NULL: no abort) */
static const struct dcase { const char *name, *fn; } debug_cases[] = {
   {"push_unchecked_full", "push_unchecked"}, {"adopt_len_gt_cap", "adopt"},
   {"valid_edges", NULL},
   {"init", "init"}, {"with_capacity", "with_capacity"}, {"destroy", "destroy"},
   {"reserve", "reserve"}, {"reserve_exact", "reserve_exact"}, {"shrink_to", "shrink_to"},
   {"shrink_to_fit", "shrink_to_fit"}, {"push", "push"}, {"push_unchecked", "push_unchecked"},
   {"push_clone", "push_clone"}, {"emplace", "emplace"}, {"pop", "pop"}, {"get", "get"},
   {"front", "front"}, {"back", "back"}, {"len", "len"}, {"capacity", "capacity"},
   {"is_empty", "is_empty"}, {"begin", "begin"}, {"end", "end"}, {"clear", "clear"},
   {"truncate", "truncate"}, {"resize", "resize"}, {"insert", "insert"},
   {"insert_n", "insert_n"}, {"remove", "remove"}, {"swap_remove", "swap_remove"},
   {"erase", "erase"}, {"extend", "extend"}, {"append_dst", "append"},
   {"append_src", "append"}, {"clone_dst", "clone"}, {"clone_src", "clone"},
   {"swap_a", "swap"}, {"swap_b", "swap"}, {"release", "release"}, {"adopt", "adopt"},
   {"retain", "retain"}, {"reverse", "reverse"}, {"split_off_v", "split_off"},
   {"split_off_tail", "split_off"}, {"drain_v", "drain"}, {"drain_out", "drain"},
   {"find", "find"}, {"contains", "contains"}, {"equal_a", "equal"}, {"equal_b", "equal"},
   {"dedup", "dedup"},
#if !defined(PROBE_BUF)     /* buf has eq only: no cmp operations */
   {"lower_bound", "lower_bound"}, {"bsearch", "bsearch"},
#endif
};
#define NDEBUG_CASES (sizeof debug_cases / sizeof debug_cases[0])

#define IS(s) (strcmp(c, s) == 0)

/* Runs one precondition case; each prints the line it expects on stderr
   before the call that must abort with it. */
static int debug_case(const char *c)
{
   VEC *nv = NULL;
   T x, *px = &x;
   setup_();
   x = mk(1);
   scenario_name = c;
   if (IS("push_unchecked_full")) {
      fill(&a, 0, 3);
      fill_to_cap(&a);
      printf("state: cap %u\n", a.cap);
      expect("%s_push_unchecked: len %u == cap %u", VEC_S, a.len, a.cap);
      FN(push_unchecked)(&a, x);
      return 0;
   }
   if (IS("adopt_len_gt_cap")) {
      T *p = (T *)raw_alloc(4 * sizeof(T));
      expect("%s_adopt: len 5 > cap 4", VEC_S);
      FN(adopt)(&a, p, 5, 4);
      return 0;
   }
   if (IS("valid_edges")) {     /* the edges of the preconditions must not abort */
      T *p;
      uint32_t len, cap;
      fill(&a, 0, 3);
      while (a.len < a.cap)
         FN(push_unchecked)(&a, mk((int)a.len));   /* up to len == cap exactly */
      p = FN(release)(&a, &len, &cap);
      FN(adopt)(&b, p, cap, cap);                   /* len == cap */
      FN(destroy)(&b);
      FN(adopt)(&b, NULL, 0, 0);                    /* NULL with cap 0 */
      drop1(&x);
      cleanup_all_();
      return 0;
   }
   expect("a NULL vector to be reported");
   if (IS("init")) FN(init)(nv);
   else if (IS("with_capacity")) ssink = FN(with_capacity)(nv, 4);
   else if (IS("destroy")) FN(destroy)(nv);
   else if (IS("reserve")) ssink = FN(reserve)(nv, 1);
   else if (IS("reserve_exact")) ssink = FN(reserve_exact)(nv, 1);
   else if (IS("shrink_to")) ssink = FN(shrink_to)(nv, 1);
   else if (IS("shrink_to_fit")) ssink = FN(shrink_to_fit)(nv);
   else if (IS("push")) ssink = FN(push)(nv, x);
   else if (IS("push_unchecked")) FN(push_unchecked)(nv, x);
   else if (IS("push_clone")) ssink = FN(push_clone)(nv, px);
   else if (IS("emplace")) psink = FN(emplace)(nv);
   else if (IS("pop")) ssink = FN(pop)(nv, NULL);
   else if (IS("get")) psink = FN(get)(nv, 0);
   else if (IS("front")) psink = FN(front)(nv);
   else if (IS("back")) psink = FN(back)(nv);
   else if (IS("len")) usink = FN(len)(nv);
   else if (IS("capacity")) usink = FN(capacity)(nv);
   else if (IS("is_empty")) usink = FN(is_empty)(nv);
   else if (IS("begin")) psink = FN(begin)(nv);
   else if (IS("end")) psink = FN(end)(nv);
   else if (IS("clear")) FN(clear)(nv);
   else if (IS("truncate")) FN(truncate)(nv, 0);
   else if (IS("resize")) ssink = FN(resize)(nv, 0, NULL);
   else if (IS("insert")) ssink = FN(insert)(nv, 0, x);
   else if (IS("insert_n")) ssink = FN(insert_n)(nv, 0, px, 1);
   else if (IS("remove")) ssink = FN(remove)(nv, 0, NULL);
   else if (IS("swap_remove")) ssink = FN(swap_remove)(nv, 0, NULL);
   else if (IS("erase")) ssink = FN(erase)(nv, 0, 0);
   else if (IS("extend")) ssink = FN(extend)(nv, px, 1);
   else if (IS("append_dst")) ssink = FN(append)(nv, &b);
   else if (IS("append_src")) ssink = FN(append)(&a, nv);
   else if (IS("clone_dst")) ssink = FN(clone)(nv, &b);
   else if (IS("clone_src")) ssink = FN(clone)(&a, nv);
   else if (IS("swap_a")) FN(swap)(nv, &b);
   else if (IS("swap_b")) FN(swap)(&a, nv);
   else if (IS("release")) psink = FN(release)(nv, NULL, NULL);
   else if (IS("adopt")) FN(adopt)(nv, NULL, 0, 0);
   else if (IS("retain")) FN(retain)(nv, keep_all_, NULL);
   else if (IS("reverse")) FN(reverse)(nv);
   else if (IS("split_off_v")) ssink = FN(split_off)(nv, 0, &b);
   else if (IS("split_off_tail")) ssink = FN(split_off)(&a, 0, nv);
   else if (IS("drain_v")) ssink = FN(drain)(nv, 0, 0, &b);
   else if (IS("drain_out")) ssink = FN(drain)(&a, 0, 0, nv);
   else if (IS("find")) usink = FN(find)(nv, px);
   else if (IS("contains")) usink = FN(contains)(nv, px);
   else if (IS("equal_a")) usink = FN(equal)(nv, &b);
   else if (IS("equal_b")) usink = FN(equal)(&a, nv);
   else if (IS("dedup")) usink = FN(dedup)(nv);
#if !defined(PROBE_BUF)
   else if (IS("lower_bound")) usink = FN(lower_bound)(nv, px);
   else if (IS("bsearch")) psink = FN(bsearch)(nv, px);
#endif
   else {
      fprintf(stderr, "probe: unknown debug case %s\n", c);
      return 2;
   }
   fprintf(stderr, "probe: %s returned (no abort)\n", c);
   return 0;
}

/* ---- one case ----------------------------------------------------------------------- */

static volatile T sink;

static void cleanup_all_(void)
{
   int k;
   uint32_t i;
   for (k = 0; k < ntracked; k++)
      FN(destroy)(tracked[k].v);
   if (released.p != NULL) {
      for (i = 0; i < released.len; i++)
         drop1(&released.p[i]);
      raw_free(released.p);
      released.p = NULL;
   }
}

static void setup_(void)
{
   FN(init)(&a);
   FN(init)(&b);
   track("a", &a);
   track("b", &b);
}

static int scenario_case(const char *scen, const char *action)
{
   const struct scenario *sc = NULL;
   size_t k;
   uint32_t len, cap;
   T *data;

   for (k = 0; k < NSCEN; k++)
      if (strcmp(scenarios[k].name, scen) == 0)
         sc = &scenarios[k];
   if (sc == NULL) {
      fprintf(stderr, "probe: unknown scenario %s\n", scen);
      return 2;
   }
   setup_();
   scenario_name = sc->name;
   verifying = strcmp(action, "verify") == 0;
   CK();
   sc->run();
   if (vv32_fault_alloc_countdown != 0 || vv32_fault_clone_countdown != 0)
      fail("an armed fault did not fire");
   CK();

   if (target == NULL && !target_released)
      target = &a;
   if (target_released) {
      data = released.p;
      len = released.len;
      cap = released.cap;
   } else {
      data = target->data;
      len = target->len;
      cap = target->cap;
   }
   printf("state: len %u cap %u\n", len, cap);
   if (strcmp(action, "read_past") == 0 || strcmp(action, "write_past") == 0) {
      size_t live = sizeof(T) * len, end = sizeof(T) * cap;
      if (len >= cap || data == NULL)
         fail("no spare capacity to touch (len %u, cap %u)", len, cap);
      /* ASan names a bad access by the shadow byte, and a partly addressable
         granule by the one after it: when that one is not poisoned by the
         annotation (the heap redzone, or a custom allocator's slack past
         cap), the report says heap-buffer-overflow or unknown-crash, not
         container-overflow. Every scenario keeps a granule of spare room. */
      if (ANNOTATED && !target_released && live % 8 != 0 && (live + 7) / 8 * 8 >= end)
         fail("len %u, cap %u: byte %lu shares the last granule with the end of the "
              "buffer: ASan would not call it a container-overflow", len, cap,
              (unsigned long)live);
      if (action[0] == 'r') {
         sink = ((volatile T *)data)[len];
      } else {
         T z;
         memset(&z, 0, sizeof z);
         ((volatile T *)data)[len] = z;
      }
   } else if (strcmp(action, "read_in") == 0) {
      if (len == 0)
         fail("no element to read");
      sink = ((volatile T *)data)[len - 1];
   } else if (!verifying) {
      fail("unknown action %s", action);
   }
   cleanup_all_();
   if (verifying)
      printf("verify: %lu checks ok, %lu blocks handed back unpoisoned\n", checks, handbacks);
   return 0;
}

/* ---- the driver: every case in a child process ------------------------------------ */

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *label = "cc", *tag = "";
static unsigned ncases, npassed;
static unsigned long total_handbacks;
static char out[1 << 16];

/* Runs one case in a child, its stdout and stderr into out[]; the wait status. */
static int spawn(bool debug, const char *a1, const char *a2)
{
   int fd[2], status = 0;
   size_t n = 0;
   ssize_t r;
   pid_t pid;
   fflush(stdout);
   fflush(stderr);
   if (pipe(fd) != 0) {
      perror("probe: pipe");
      exit(2);
   }
   pid = fork();
   if (pid < 0) {
      perror("probe: fork");
      exit(2);
   }
   if (pid == 0) {
      close(fd[0]);
      dup2(fd[1], 1);
      dup2(fd[1], 2);
      close(fd[1]);
      alarm(60);
      if (debug) {
         exit(debug_case(a1));
      } else {
         int rc = scenario_case(a1, a2);
         if (strcmp(a2, "verify") != 0) {     /* leak checks: in the verify runs */
            fflush(stdout);
            _exit(rc);
         }
         exit(rc);
      }
   }
   close(fd[1]);
   for (;;) {
      static char junk[4096];     /* past the first 64 KiB: read and dropped */
      r = n < sizeof out - 1 ? read(fd[0], out + n, sizeof out - 1 - n)
                             : read(fd[0], junk, sizeof junk);
      if (r < 0 && errno == EINTR)
         continue;
      if (r <= 0)
         break;
      if (n < sizeof out - 1)
         n += (size_t)r;
   }
   out[n] = '\0';
   close(fd[0]);
   while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
   }
   return status;
}

static const char *status_str(int st)
{
   static char s[64];
   if (WIFEXITED(st))
      snprintf(s, sizeof s, "exit %d", WEXITSTATUS(st));
   else if (WIFSIGNALED(st))
      snprintf(s, sizeof s, "signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
   else
      snprintf(s, sizeof s, "status %d", st);
   return s;
}

/* The line of out[] that is exactly s. */
static bool has_line(const char *s)
{
   const char *p = out;
   size_t n = strlen(s);
   while ((p = strstr(p, s)) != NULL) {
      if ((p == out || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
         return true;
      p++;
   }
   return false;
}

/* The first telling line of out[]: a sanitizer's ERROR line, or the probe's. */
static const char *first_line(void)
{
   static char s[300];
   const char *p = strstr(out, "ERROR: ");
   size_t n;
   if (p == NULL)
      p = strstr(out, "probe");
   if (p == NULL) {
      for (p = out; *p == '\n' || strncmp(p, "state:", 6) == 0 || strncmp(p, "expect:", 7) == 0;) {
         const char *nl = strchr(p, '\n');
         if (nl == NULL)
            break;
         p = nl + 1;
      }
   }
   n = strcspn(p, "\n");
   if (n == 0)
      return "no output";
   if (n >= sizeof s)
      n = sizeof s - 1;
   memcpy(s, p, n);
   s[n] = '\0';
   if ((p = strstr(s, " on address")) != NULL)
      s[p - s] = '\0';
   return s;
}

static void report(bool ok, const char *what, const char *text, const char *rerun)
{
   ncases++;
   npassed += ok;
   printf("%s %-4s %s%s %s: %s\n", ok ? "ok  " : "FAIL", label, PNAME_S, tag, what, text);
   if (!ok) {
      const char *p = out;
      int k;
      for (k = 0; k < 14 && *p; k++) {
         size_t n = strcspn(p, "\n");
         printf("       %.*s\n", (int)n, p);
         p += n + (p[n] == '\n');
      }
      printf("       rerun: %s\n", rerun);
   }
}

static const char *self;

static void drive_scenario(const struct scenario *sc)
{
   unsigned acts = scenario_actions(sc), i;
   for (i = 0; i < 4; i++) {
      char what[128], text[200], rerun[300];
      const char *act = action_names[i];
      int st, overflow = i >= 2 && past_overflows(sc);
      bool ok;
      unsigned long nchecks = 0;
      const char *v;
      if (!(acts & (1u << i)))
         continue;
      st = spawn(false, sc->name, act);
      snprintf(what, sizeof what, "after_%s %s", sc->name, act);
      snprintf(rerun, sizeof rerun, "ASAN_OPTIONS=symbolize=1 %s %s %s", self, sc->name, act);
      if (sc->flags & F_CONTROL) {
         ok = WIFEXITED(st) && WEXITSTATUS(st) == 1 && strstr(out, "annotation not lifted") != NULL;
         snprintf(text, sizeof text, ok ? "a poisoned buffer handed to the allocator is caught"
                  : "expected the allocator wrapper to object, got %s: %s", status_str(st), first_line());
         report(ok, what, text, rerun);
         continue;
      }
      if (overflow) {
         ok = !(WIFEXITED(st) && WEXITSTATUS(st) == 0) &&
              strstr(out, "ERROR: AddressSanitizer: container-overflow") != NULL;
         snprintf(text, sizeof text, ok ? "container-overflow reported"
                  : "expected a container-overflow report, got %s: %s", status_str(st), first_line());
      } else {
         ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && strstr(out, "Sanitizer") == NULL;
         if (i == 0) {
            v = strstr(out, "verify: ");
            unsigned long hb = 0;
            ok = ok && v != NULL && sscanf(v, "verify: %lu checks ok, %lu", &nchecks, &hb) == 2;
            total_handbacks += hb;
         }
         if (!ok)
            snprintf(text, sizeof text, "expected a clean run, got %s: %s", status_str(st), first_line());
         else if (i == 0 && !ASAN_BUILD)
            snprintf(text, sizeof text, "ran clean (%lu steps; no sanitizer)", nchecks);
         else if (i == 0 && !ANNOTATED)
            snprintf(text, sizeof text, "nothing poisoned after any step (%lu checks)", nchecks);
         else if (i == 0)
            snprintf(text, sizeof text, "shadow exact after every step (%lu checks)", nchecks);
         else if (i == 1)
            snprintf(text, sizeof text, "clean");
         else if (sc->flags & F_RAW)
            snprintf(text, sizeof text, "clean: the caller owns the whole buffer");
         else
            snprintf(text, sizeof text, "clean: no annotation, a plain access inside the allocation");
      }
      report(ok, what, text, rerun);
   }
}

static void drive_debug(const struct dcase *dc)
{
   char what[128], text[300], want[200], rerun[300];
   int st = spawn(true, dc->name, NULL);
   bool ok;
   snprintf(what, sizeof what, "debug %s", dc->name);
   snprintf(rerun, sizeof rerun, "%s debug %s", self, dc->name);
   if (dc->fn == NULL) {
      ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && strstr(out, "probe") == NULL &&
           strstr(out, "Sanitizer") == NULL && strstr(out, VEC_S) == NULL;
      snprintf(text, sizeof text, ok ? "no abort at len == cap, adopt(len == cap), adopt(NULL, 0, 0)"
               : "expected no abort, got %s: %s", status_str(st), first_line());
      report(ok, what, text, rerun);
      return;
   }
   if (strcmp(dc->name, "push_unchecked_full") == 0) {
      unsigned cap = 0;
      const char *s = strstr(out, "state: cap ");
      if (s != NULL)
         sscanf(s, "state: cap %u", &cap);
      snprintf(want, sizeof want, "%s_push_unchecked: len %u == cap %u", VEC_S, cap, cap);
   } else if (strcmp(dc->name, "adopt_len_gt_cap") == 0) {
      snprintf(want, sizeof want, "%s_adopt: len 5 > cap 4", VEC_S);
   } else {
      snprintf(want, sizeof want, "%s_%s: vector is NULL", VEC_S, dc->fn);
   }
   ok = WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && has_line(want);
   if (ok)
      snprintf(text, sizeof text, "aborted with \"%s\"", want);
   else
      snprintf(text, sizeof text, "expected abort with \"%s\", got %s: %s", want,
               status_str(st), first_line());
   report(ok, what, text, rerun);
}

/* probe --run LABEL TAG [SCENARIO...]: every case of this build, or of the
   scenarios named (the debug cases run in every VV32_DEBUG build, the NULL
   vector ones only without ASan, where a NULL dereference is a plain crash). */
static int drive(int argc, char **argv)
{
   size_t k;
   int i;
   label = argv[2];
   tag = argv[3];
   for (k = 0; k < NSCEN; k++) {
      bool chosen = argc == 4;
      for (i = 4; i < argc; i++)
         chosen |= strcmp(argv[i], scenarios[k].name) == 0;
      if (chosen)
         drive_scenario(&scenarios[k]);
   }
   if (DEBUG_BUILD)
      for (k = 0; k < NDEBUG_CASES; k++)
         if (!ASAN_BUILD || k < 3)
            drive_debug(&debug_cases[k]);
   if (ASAN_BUILD) {    /* the wrappers saw the blocks: their silence means something */
      char text[160];
      snprintf(text, sizeof text, "%lu blocks handed back to the allocator over the verify runs, "
               "none poisoned", total_handbacks);
      out[0] = '\0';
      report(total_handbacks > 0, "allocator wrappers", text, "(none)");
   }
   printf("# %s %s%s: %u cases, %u passed\n", label, PNAME_S, tag, ncases, npassed);
   return ncases == npassed ? 0 : 1;
}

int main(int argc, char **argv)
{
   setvbuf(stdout, NULL, _IOLBF, 0);
   self = argv[0];
   if (argc == 2 && strcmp(argv[1], "--list") == 0) {
      list();
      return 0;
   }
   if (argc >= 4 && strcmp(argv[1], "--run") == 0)
      return drive(argc, argv);
   if (argc == 3 && strcmp(argv[1], "debug") == 0)
      return debug_case(argv[2]);
   if (argc == 3)
      return scenario_case(argv[1], argv[2]);
   fprintf(stderr, "usage: probe --list | --run LABEL TAG [SCENARIO...] | SCENARIO ACTION | debug CASE\n");
   return 2;
}
