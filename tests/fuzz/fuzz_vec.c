/* Differential fuzzer for the generated vectors (libFuzzer).

   Built once per element type:
     -DFUZZ_U32  valvec32_u32: plain data, with the counting allocator of
                 tests/support/vv32t_alloc.c (spare usable bytes, canaries)
     -DFUZZ_STR  valvec32_str: owned `char *` strings, a managed type

   The input is a byte-coded program: one opcode byte (taken modulo OP_COUNT)
   followed by that operation's argument bytes (see `run_op`; reading past the
   end gives zeros, so every input is a valid program). It runs on two
   vectors, `cur` and `oth` (OP_FLIP exchanges the roles), and, separately,
   on a model: plain arrays of uint32_t keys managed here, where a key stands
   for an element value (u32: the value itself; str: the string "k<key>", key
   0 the NULL string). OP_ARM arms the VV32_FAULT_INJECTION countdowns for the
   next operation, so allocation and clone failures come from the input.

   After every operation:
   - both vectors equal their models, len <= cap, data == NULL iff cap == 0,
     and cap is what the allocator's usable size gives (u32:
     count_usable_size, str: malloc_usable_size), unless the program adopted
     a buffer with a smaller capacity than it has;
   - under AddressSanitizer: [0, len) is addressable and [len, cap) poisoned
     (the container annotation follows every change of len and cap);
   - a status is an error iff an armed fault fired (or an argument calls for
     the error: ERANGE, EINVAL, ECAPACITY), and on error the vectors are as
     before, per design.md (ECLONE: only the capacity may have grown);
   - growth follows design.md's policy, reserve_exact/shrink_to bounds hold;
   - str: every element the harness made or the vector cloned is dropped
     exactly once: made + clones == drops + freed + live elements, and each
     operation clones and drops exactly what it should (leaks of the strings
     or buffers themselves are LeakSanitizer's: libFuzzer runs it per input);
   - u32: the counting allocator's live blocks == the vectors holding a buffer.

   Build with -DFUZZ_STANDALONE for a plain main() that replays files given on
   the command line (gcc, valgrind). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(FUZZ_ASAN)
#define FUZZ_ASAN 1
#endif
#if defined(FUZZ_ASAN) && !defined(VV32_NO_ANNOTATE)
#include <sanitizer/asan_interface.h>
#define FUZZ_CHECK_POISON 1
#endif

#if defined(FUZZ_U32)
#include "valvec32_u32.h"
#include "vv32t_alloc.h"
typedef valvec32_u32 vec;
typedef uint32_t elem;
#define VEC(f) valvec32_u32_##f
#define MANAGED 0
#define TYPE_NAME "u32"
/* Sort and stable_sort are linked weakly: a generated source that lacks them
   (templates in progress) skips those operations instead of failing to link. */
#pragma weak valvec32_u32_sort
#pragma weak valvec32_u32_stable_sort
static size_t usable_of(void *p) { return count_usable_size(p); }
static void buffer_free(void *p) { count_free(p); }
#elif defined(FUZZ_STR)
#include <malloc.h>
#include "valvec32_str.h"
#include "vv32t_str.h"
typedef valvec32_str vec;
typedef char *elem;
#define VEC(f) valvec32_str_##f
#define MANAGED 1
#define TYPE_NAME "str"
#pragma weak valvec32_str_sort
#pragma weak valvec32_str_stable_sort
static size_t usable_of(void *p) { return malloc_usable_size(p); }
static void buffer_free(void *p) { free(p); }
#else
#error "define FUZZ_U32 or FUZZ_STR"
#endif

#ifndef VV32_FAULT_INJECTION
#error "build with -DVV32_FAULT_INJECTION"
#endif

#define MAXLEN 512u        /* the harness keeps vectors at most this long */
#define MAXCAP 8192u       /* reserve & co. ask for up to this much room: past the
                              4096 where growth turns to 1.25x */
#define MAXOPS 512u        /* operations per input */
#define NKEYS 48u          /* str: keys 0..47 (0 the NULL string) */
#define SLACK_BYTES 48u    /* most spare bytes an allocator may add to a request */

/* ---- failing loudly ------------------------------------------------------- */

static const char *g_opname = "start";
static unsigned g_opno;

static void fail(int line, const char *what)
{
   fprintf(stderr, "fuzz_" TYPE_NAME ": check failed at fuzz_vec.c:%d in op #%u (%s): %s\n",
           line, g_opno, g_opname, what);
   abort();
}
#define CHECK(c) do { if (!(c)) fail(__LINE__, #c); } while (0)

/* ---- the input -------------------------------------------------------------- */

static const uint8_t *g_in;
static size_t g_left;

static uint8_t rb(void)
{
   if (g_left == 0)
      return 0;
   g_left--;
   return *g_in++;
}

static uint32_t r16(void) { uint32_t a = rb(); return a | (uint32_t)rb() << 8; }
static uint32_t r32(void) { uint32_t a = r16(); return a | r16() << 16; }

/* An index in [0, bound], sometimes past it (up to bound + 1). */
static uint32_t ridx(uint32_t bound)
{
   return r16() % (bound + 2u);
}

/* ---- elements and keys ------------------------------------------------------- */

static unsigned long g_made, g_freed;   /* element values the harness made / destroyed */

#if MANAGED
static uint32_t rkey(void) { return rb() % NKEYS; }   /* many duplicates; 0 is NULL */

static void key_text(uint32_t key, char *buf, size_t n)
{
   snprintf(buf, n, "k%u", (unsigned)key);
}

static elem mk(uint32_t key)
{
   char tmp[16];
   char *s;
   g_made++;
   if (key == 0)
      return NULL;
   key_text(key, tmp, sizeof tmp);
   s = (char *)malloc(strlen(tmp) + 1);
   if (s == NULL)
      abort();
   strcpy(s, tmp);
   return s;
}

static uint32_t key_of(const elem *e)
{
   const char *s = *e;
   unsigned long k = 0;
   size_t i;
   if (s == NULL)
      return 0;
   CHECK(s[0] == 'k' && s[1] >= '1' && s[1] <= '9');
   for (i = 1; s[i] != '\0'; i++) {
      CHECK(s[i] >= '0' && s[i] <= '9' && i < 12);
      k = k * 10 + (unsigned long)(s[i] - '0');
   }
   CHECK(k != 0 && k <= UINT32_MAX);
   return (uint32_t)k;
}

static void unmake(elem *e)
{
   free(*e);
   *e = NULL;
   g_freed++;
}

/* The model's order: that of the strings (str_cmp: NULL first, then strcmp),
   computed here once on the keys' texts: g_rank[key] is the key's place. */
static uint32_t g_rank[NKEYS];

static void rank_init(void)
{
   uint32_t a, b;
   char x[16], y[16];
   if (g_rank[1] != 0)
      return;
   for (a = 1; a < NKEYS; a++) {        /* NULL (key 0) has rank 0 */
      key_text(a, x, sizeof x);
      g_rank[a] = 1;
      for (b = 1; b < NKEYS; b++) {
         key_text(b, y, sizeof y);
         g_rank[a] += strcmp(y, x) < 0;
      }
   }
}

static int model_cmp(uint32_t a, uint32_t b)
{
   CHECK(a < NKEYS && b < NKEYS);
   return (g_rank[a] > g_rank[b]) - (g_rank[a] < g_rank[b]);
}
#else
static uint32_t rkey(void)
{
   uint32_t k = rb();
   return k >= 0xF0u ? r32() : k % 40u;   /* mostly small, duplicated values */
}

static elem mk(uint32_t key) { g_made++; return key; }
static uint32_t key_of(const elem *e) { return *e; }
static void unmake(elem *e) { *e = 0; g_freed++; }
static int model_cmp(uint32_t a, uint32_t b) { return (a > b) - (a < b); }
#endif

/* ---- the model ---------------------------------------------------------------- */

struct side {
   vec v;
   uint32_t *m;        /* the model: keys */
   uint32_t mlen;
};

static struct side g_s[2];
static unsigned g_cur;

/* Buffers adopted with a capacity below their usable size: cap is not what
   usable_size gives for them until they are reallocated or freed. */
static struct { void *data; uint32_t cap; } g_short[4];

static bool is_short(const vec *v)
{
   unsigned k;
   for (k = 0; k < 4; k++)
      if (g_short[k].data == v->data && g_short[k].cap == v->cap)
         return true;
   return false;
}

/* Forgets the records no vector matches any more. */
static void purge_short(void)
{
   unsigned k;
   for (k = 0; k < 4; k++) {
      const void *d = g_short[k].data;
      uint32_t c = g_short[k].cap;
      if (!((g_s[0].v.data == d && g_s[0].v.cap == c) || (g_s[1].v.data == d && g_s[1].v.cap == c)))
         g_short[k].data = NULL;
   }
}

static void add_short(const vec *v)
{
   unsigned k;
   purge_short();
   for (k = 0; k < 4; k++)
      if (g_short[k].data == NULL) {
         g_short[k].data = v->data;
         g_short[k].cap = v->cap;
         return;
      }
   abort();   /* two vectors cannot hold more than two records */
}

static void m_room(struct side *s, uint32_t n)
{
   if (s->m == NULL) {
      s->m = (uint32_t *)malloc(sizeof(uint32_t) * (2u * MAXLEN + 8u));
      if (s->m == NULL)
         abort();
   }
   CHECK(n <= 2u * MAXLEN + 8u);
}

static void m_insert(struct side *s, uint32_t at, const uint32_t *keys, uint32_t n)
{
   m_room(s, s->mlen + n);
   if (n == 0)
      return;
   memmove(s->m + at + n, s->m + at, sizeof(uint32_t) * (s->mlen - at));
   memcpy(s->m + at, keys, sizeof(uint32_t) * n);
   s->mlen += n;
}

static void m_erase(struct side *s, uint32_t from, uint32_t to)
{
   memmove(s->m + from, s->m + to, sizeof(uint32_t) * (s->mlen - to));
   s->mlen -= to - from;
}

static bool m_sorted(const struct side *s)
{
   uint32_t i;
   for (i = 1; i < s->mlen; i++)
      if (model_cmp(s->m[i - 1], s->m[i]) > 0)
         return false;
   return true;
}

/* A stable merge sort of keys with their payloads (the model's own). */
struct kp { uint32_t key; elem val; };

static void m_merge_sort(struct kp *a, struct kp *tmp, uint32_t n)
{
   uint32_t h, i, j, k;
   if (n < 2)
      return;
   h = n / 2;
   m_merge_sort(a, tmp, h);
   m_merge_sort(a + h, tmp, n - h);
   for (i = 0, j = h, k = 0; k < n; k++) {
      if (j >= n || (i < h && model_cmp(a[i].key, a[j].key) <= 0))
         tmp[k] = a[i++];
      else
         tmp[k] = a[j++];
   }
   memcpy(a, tmp, sizeof(struct kp) * n);
}

/* ---- invariants ---------------------------------------------------------------- */

static void check_side(const struct side *s)
{
   const vec *v = &s->v;
   uint32_t i;
   CHECK(v->len == s->mlen);
   CHECK(v->len <= v->cap);
   CHECK((v->data == NULL) == (v->cap == 0));
   CHECK(VEC(len)(v) == v->len && VEC(capacity)(v) == v->cap);
   for (i = 0; i < v->len; i++)
      CHECK(key_of(&v->data[i]) == s->m[i]);
   if (v->data != NULL && !is_short(v))
      CHECK(v->cap == (uint32_t)(usable_of(v->data) / sizeof(elem)));
#ifdef FUZZ_CHECK_POISON
   if (v->data != NULL) {
      CHECK(__asan_region_is_poisoned(v->data, sizeof(elem) * v->len) == NULL);
      if (v->len < v->cap)
         CHECK(__asan_address_is_poisoned(v->data + v->len));
      if (v->len + 1u < v->cap)
         CHECK(__asan_address_is_poisoned(v->data + v->cap - 1u));
   }
#endif
}

static void check_all(void)
{
   check_side(&g_s[0]);
   check_side(&g_s[1]);
   purge_short();
#if MANAGED
   CHECK(g_made + vv32_fault_clones == vv32_fault_drops + g_freed + g_s[0].v.len + g_s[1].v.len);
#else
   CHECK(vv32_fault_clones == 0 && vv32_fault_drops == 0);
   CHECK(count_live_blocks() == (long)(g_s[0].v.data != NULL) + (long)(g_s[1].v.data != NULL));
#endif
}

/* ---- one operation's expectations -------------------------------------------- */

/* What the running operation touched: the state before it, the faults armed
   for it, and the clones and drops it should make. */
struct snap { elem *data; uint32_t len, cap; elem *copy; };

static struct snap g_before[2];
static long g_arm_alloc, g_arm_clone;
static unsigned long g_clones0, g_drops0;

static void snap_take(struct snap *sn, const vec *v)
{
   sn->data = v->data;
   sn->len = v->len;
   sn->cap = v->cap;
   if (sn->copy == NULL) {
      sn->copy = (elem *)malloc(sizeof(elem) * (2u * MAXLEN + 8u));
      if (sn->copy == NULL)
         abort();
   }
   if (v->len != 0)
      memcpy(sn->copy, v->data, sizeof(elem) * v->len);
}

static bool snap_same_elems(const struct snap *sn, const vec *v)
{
   return v->len == sn->len && (v->len == 0 || memcmp(sn->copy, v->data, sizeof(elem) * v->len) == 0);
}

static void begin_op(const char *name)
{
   g_opname = name;
   g_opno++;
   snap_take(&g_before[0], &g_s[0].v);
   snap_take(&g_before[1], &g_s[1].v);
   vv32_fault_alloc_countdown = g_arm_alloc;
   vv32_fault_clone_countdown = g_arm_clone;
   g_clones0 = vv32_fault_clones;
   g_drops0 = vv32_fault_drops;
}

/* Whether the armed faults fired during the call; disarms them. */
static bool g_fired_alloc, g_fired_clone;

static void end_call(void)
{
   g_fired_alloc = g_arm_alloc > 0 && vv32_fault_alloc_countdown == 0;
   g_fired_clone = g_arm_clone > 0 && vv32_fault_clone_countdown == 0;
   vv32_fault_alloc_countdown = 0;
   vv32_fault_clone_countdown = 0;
   g_arm_alloc = g_arm_clone = 0;
}

static unsigned long d_clones(void) { return vv32_fault_clones - g_clones0; }
static unsigned long d_drops(void) { return vv32_fault_drops - g_drops0; }

/* A status against the faults that fired: `arg_err` is the error the
   arguments call for (VV32_OK if none). Returns true on VV32_OK. */
static bool check_status(vv32_status st, vv32_status arg_err)
{
   CHECK(st >= VV32_OK && st <= VV32_EINVAL);
   CHECK(vv32_strerror(st) != NULL);
   if (st != (arg_err != VV32_OK ? arg_err : g_fired_alloc ? VV32_ENOMEM : g_fired_clone ? VV32_ECLONE : VV32_OK))
      fprintf(stderr, "fuzz_" TYPE_NAME ": status %d (%s); arguments call for %d, alloc fault %s, clone fault %s\n",
              (int)st, vv32_strerror(st), (int)arg_err, g_fired_alloc ? "fired" : "no",
              g_fired_clone ? "fired" : "no");
   if (arg_err != VV32_OK) {
      CHECK(st == arg_err);
      return false;
   }
   if (g_fired_alloc)
      CHECK(st == VV32_ENOMEM);
   else if (g_fired_clone)
      CHECK(st == VV32_ECLONE);
   else
      CHECK(st == VV32_OK);
   return st == VV32_OK;
}

/* On an error: every vector exactly as before; on ECLONE the target's
   capacity (and buffer) may have changed, not its length or elements. */
static void check_unchanged(vv32_status st, const struct side *target)
{
   int k;
   CHECK(d_clones() == d_drops());
   for (k = 0; k < 2; k++) {
      const vec *v = &g_s[k].v;
      const struct snap *sn = &g_before[k];
      CHECK(snap_same_elems(sn, v));
      if (st == VV32_ECLONE && &g_s[k] == target) {
         CHECK(v->cap >= sn->cap);
      } else {
         CHECK(v->data == sn->data && v->cap == sn->cap);
      }
   }
}

/* Exactly these clones and drops (managed types only). */
static void check_counts(unsigned long clones, unsigned long drops)
{
#if MANAGED
   CHECK(d_clones() == clones);
   CHECK(d_drops() == drops);
#else
   (void)clones; (void)drops;
#endif
}

/* The capacity after an operation that needed room for `required` in all. */
static void check_growth(const struct snap *sn, const vec *v, uint64_t required, bool exact)
{
   uint64_t lo, hi, old = sn->cap;
   if (required <= old) {
      CHECK(v->cap == sn->cap && v->data == sn->data);
      return;
   }
   CHECK(v->cap >= required);
   if (exact) {
      lo = required;
      hi = required;
   } else if (old == 0) {
      lo = 4;
      hi = 32u / sizeof(elem) > 16u ? 32u / sizeof(elem) : 16u;
   } else if (old < 64) {
      lo = hi = 2 * old;
   } else if (old < 4096) {
      lo = old * 1609 / 1000;
      hi = old * 161 / 100 + 1;
   } else {
      lo = old + old / 4;
      hi = lo + 1;
   }
   if (lo < required) lo = required;
   if (hi < required) hi = required;
   CHECK(v->cap >= lo);
   CHECK((uint64_t)v->cap * sizeof(elem) <= hi * sizeof(elem) + SLACK_BYTES);
}

/* ---- sources ------------------------------------------------------------------ */

/* External source elements made by the harness (freed after the call). */
static elem g_ext[MAXLEN];
static uint32_t g_ext_keys[MAXLEN];

static uint32_t make_ext(uint32_t n)
{
   uint32_t i;
   for (i = 0; i < n; i++) {
      g_ext_keys[i] = rkey();
      g_ext[i] = mk(g_ext_keys[i]);
   }
   return n;
}

static void free_ext(uint32_t n)
{
   uint32_t i;
   for (i = 0; i < n; i++)
      unmake(&g_ext[i]);
}

/* ---- retain's predicate ----------------------------------------------------------- */

struct keep_ctx { const struct side *s; uint32_t next; uint32_t mask; uint32_t kept; };

static bool keep_fn(const elem *e, void *ctx)
{
   struct keep_ctx *c = (struct keep_ctx *)ctx;
   uint32_t key = key_of(e);
   bool keep;
   CHECK(c->next < c->s->mlen);
   CHECK(key == c->s->m[c->next]);     /* once per element, in order */
   c->next++;
   keep = ((c->mask >> (key % 31u)) & 1u) != 0;
   c->kept += keep;
   return keep;
}

/* ---- operations --------------------------------------------------------------- */

enum {
   OP_ARM, OP_FLIP, OP_PUSH, OP_PUSH_UNCHECKED, OP_PUSH_CLONE, OP_EMPLACE, OP_POP,
   OP_INSERT, OP_INSERT_N, OP_REMOVE, OP_SWAP_REMOVE, OP_ERASE, OP_TRUNCATE, OP_CLEAR,
   OP_RESIZE, OP_EXTEND, OP_APPEND, OP_CLONE, OP_SPLIT_OFF, OP_DRAIN, OP_RESERVE,
   OP_RESERVE_EXACT, OP_SHRINK_TO, OP_SHRINK_TO_FIT, OP_RETAIN, OP_REVERSE, OP_SORT,
   OP_STABLE_SORT, OP_DEDUP, OP_FIND, OP_LOWER_BOUND, OP_SWAP, OP_RELEASE_ADOPT,
   OP_QUERY, OP_WITH_CAPACITY, OP_DESTROY,
   OP_COUNT
};

static const char *const g_names[OP_COUNT] = {
   "arm", "flip", "push", "push_unchecked", "push_clone", "emplace", "pop",
   "insert", "insert_n", "remove", "swap_remove", "erase", "truncate", "clear",
   "resize", "extend", "append", "clone", "split_off", "drain", "reserve",
   "reserve_exact", "shrink_to", "shrink_to_fit", "retain", "reverse", "sort",
   "stable_sort", "dedup", "find", "lower_bound", "swap", "release_adopt",
   "query", "with_capacity", "destroy",
};

/* Fills *v with garbage: the operations that take an uninitialised vector
   must not look at it. */
static void scribble(vec *v)
{
   memset(v, 0xA5, sizeof *v);
}

/* Puts the new vector t (with model keys) in place of oth, destroying oth. */
static void replace_oth(struct side *oth, const vec *t, const uint32_t *keys, uint32_t n)
{
   VEC(destroy)(&oth->v);
   oth->v = *t;
   oth->mlen = 0;
   m_insert(oth, 0, keys, n);
}

static void op_push(struct side *c, bool clone_src)
{
   uint32_t key = rkey();
   vv32_status st;
   if (c->mlen >= MAXLEN)
      return;
   if (!clone_src) {
      elem e = mk(key);
      begin_op("push");
      st = VEC(push)(&c->v, e);
      end_call();
      if (check_status(st, VV32_OK)) {
         check_counts(0, 0);
         m_insert(c, c->mlen, &key, 1);
      } else {
         check_unchanged(st, c);
         unmake(&e);
      }
   } else {
      /* push_clone: from inside the vector (the element may move with a
         reallocation) or from outside. */
      bool inside = c->mlen != 0 && (rb() & 1u);
      uint32_t at = inside ? r16() % c->mlen : 0;
      elem ext = 0;
      const elem *src;
      if (inside) {
         src = &c->v.data[at];
         key = c->m[at];
      } else {
         ext = mk(key);
         src = &ext;
      }
      begin_op(inside ? "push_clone(inside)" : "push_clone");
      st = VEC(push_clone)(&c->v, src);
      end_call();
      if (check_status(st, VV32_OK)) {
         check_counts(1, 0);
         m_insert(c, c->mlen, &key, 1);
      } else {
         check_unchanged(st, c);
      }
      if (!inside)
         unmake(&ext);
   }
   if (st == VV32_OK || st == VV32_ECLONE)
      check_growth(&g_before[g_cur], &c->v, (uint64_t)g_before[g_cur].len + 1u, false);
}

static void run_op(unsigned op)
{
   struct side *c = &g_s[g_cur];
   struct side *o = &g_s[g_cur ^ 1u];
   struct snap *cb = &g_before[g_cur];
   vv32_status st;
   uint32_t key, i, j, n;
   elem out;

   g_opname = g_names[op];
   switch (op) {
   case OP_ARM: {
      uint8_t b = rb();
      g_arm_alloc = b & 3u;                 /* fail the 1st..3rd allocation */
      g_arm_clone = (b >> 2) & 31u;         /* fail the 1st..31st clone */
      return;                               /* armed for the next operation */
   }
   case OP_FLIP:
      g_cur ^= 1u;
      break;
   case OP_PUSH:
      op_push(c, false);
      break;
   case OP_PUSH_CLONE:
      op_push(c, true);
      break;
   case OP_PUSH_UNCHECKED:
      key = rkey();
      if (c->v.len < c->v.cap && c->mlen < MAXLEN) {
         begin_op("push_unchecked");
         VEC(push_unchecked)(&c->v, mk(key));
         end_call();
         CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         check_counts(0, 0);
         m_insert(c, c->mlen, &key, 1);
      }
      break;
   case OP_EMPLACE: {
      elem *slot;
      key = rkey();
      if (c->mlen >= MAXLEN)
         break;
      begin_op("emplace");
      slot = VEC(emplace)(&c->v);
      end_call();
      if (slot != NULL) {
         CHECK(!g_fired_alloc);
         CHECK(slot == c->v.data + c->v.len - 1u && c->v.len == cb->len + 1u);
         *slot = mk(key);                   /* the slot must be addressable */
         m_insert(c, c->mlen, &key, 1);
         check_growth(cb, &c->v, (uint64_t)cb->len + 1u, false);
      } else {
         CHECK(g_fired_alloc);
         check_unchanged(VV32_ENOMEM, c);
      }
      check_counts(0, 0);
      break;
   }
   case OP_POP: {
      bool to_out = rb() & 1u, ok;
      begin_op("pop");
      ok = VEC(pop)(&c->v, to_out ? &out : NULL);
      end_call();
      CHECK(ok == (cb->len != 0));
      CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
      if (ok) {
         check_counts(0, to_out ? 0u : 1u);
         if (to_out) {
            CHECK(key_of(&out) == c->m[c->mlen - 1u]);
            unmake(&out);
         }
         m_erase(c, c->mlen - 1u, c->mlen);
      } else {
         check_counts(0, 0);
      }
      break;
   }
   case OP_INSERT: {
      elem e;
      i = ridx(c->mlen);
      key = rkey();
      if (c->mlen >= MAXLEN)
         break;
      e = mk(key);
      begin_op("insert");
      st = VEC(insert)(&c->v, i, e);
      end_call();
      if (check_status(st, i > cb->len ? VV32_ERANGE : VV32_OK)) {
         check_counts(0, 0);
         m_insert(c, i, &key, 1);
         check_growth(cb, &c->v, (uint64_t)cb->len + 1u, false);
      } else {
         check_unchanged(st, c);
         unmake(&e);
      }
      break;
   }
   case OP_INSERT_N:
   case OP_EXTEND: {
      /* From outside, from inside the vector (overlapping the insertion
         point, moving with a reallocation), NULL with n == 0, or a count
         that passes UINT32_MAX (ECAPACITY, nothing read). */
      uint8_t mode = rb() % 8u;
      bool ins = op == OP_INSERT_N;
      uint32_t keys[MAXLEN];
      const elem *src;
      uint32_t ext_n = 0;
      vv32_status want = VV32_OK;
      i = ins ? ridx(c->mlen) : c->mlen;
      if (mode < 3 || c->mlen == 0) {                 /* outside */
         n = rb() % 9u;
         if (c->mlen + n > MAXLEN)
            break;
         ext_n = make_ext(n);
         memcpy(keys, g_ext_keys, sizeof(uint32_t) * n);
         src = g_ext;
      } else if (mode < 7) {                          /* inside */
         j = r16() % c->mlen;
         n = r16() % (c->mlen - j + 1u);
         if (c->mlen + n > MAXLEN)
            n = c->mlen >= MAXLEN ? 0u : MAXLEN - c->mlen;
         memcpy(keys, c->m + j, sizeof(uint32_t) * n);
         src = c->v.data + j;
      } else {                                        /* past UINT32_MAX */
         n = UINT32_MAX - rb() % c->mlen;           /* len + n > UINT32_MAX */
         src = c->v.data;
         want = VV32_ECAPACITY;
      }
      if (rb() == 0xFF && want == VV32_OK) {          /* n == 0 with no source */
         free_ext(ext_n);
         ext_n = n = 0;
         src = NULL;
      }
      if (ins && i > c->mlen)
         want = VV32_ERANGE;
      begin_op(ins ? "insert_n" : "extend");
      st = ins ? VEC(insert_n)(&c->v, i, src, n) : VEC(extend)(&c->v, src, n);
      end_call();
      if (want == VV32_ECAPACITY && ins && i > cb->len)
         CHECK(st == VV32_ERANGE || st == VV32_ECAPACITY);   /* both apply */
      else if (check_status(st, want)) {
         check_counts(n, 0);
         m_insert(c, i, keys, n);
         check_growth(cb, &c->v, (uint64_t)cb->len + n, false);
      }
      if (st != VV32_OK) {
         check_unchanged(st, c);
         if (st == VV32_ECLONE)
            check_growth(cb, &c->v, (uint64_t)cb->len + n, false);
      }
      free_ext(ext_n);
      break;
   }
   case OP_REMOVE:
   case OP_SWAP_REMOVE: {
      bool to_out = rb() & 1u, sw = op == OP_SWAP_REMOVE;
      i = ridx(c->mlen ? c->mlen - 1u : 0u);
      begin_op(sw ? "swap_remove" : "remove");
      st = sw ? VEC(swap_remove)(&c->v, i, to_out ? &out : NULL)
              : VEC(remove)(&c->v, i, to_out ? &out : NULL);
      end_call();
      if (check_status(st, i >= cb->len ? VV32_ERANGE : VV32_OK)) {
         CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         check_counts(0, to_out ? 0u : 1u);
         if (to_out) {
            CHECK(key_of(&out) == c->m[i]);
            unmake(&out);
         }
         if (sw && i != c->mlen - 1u)
            c->m[i] = c->m[c->mlen - 1u];
         if (sw)
            c->mlen--;
         else
            m_erase(c, i, i + 1u);
      } else {
         check_unchanged(st, c);
      }
      break;
   }
   case OP_ERASE:
   case OP_DRAIN: {
      /* Ranges with from > to and to > len among them; drain also into
         itself (EINVAL). */
      bool dr = op == OP_DRAIN, self = dr && (rb() % 8u) == 0;
      vv32_status want = VV32_OK;
      uint32_t from = ridx(c->mlen), to = ridx(c->mlen);
      if (rb() & 1u && from > to) {       /* mostly well-ordered */
         uint32_t t = from; from = to; to = t;
      }
      if (dr && o->mlen + (to > from ? to - from : 0u) > MAXLEN)
         break;
      if (self)
         want = VV32_EINVAL;
      else if (from > to || to > c->mlen)
         want = VV32_ERANGE;
      begin_op(dr ? "drain" : "erase");
      st = dr ? VEC(drain)(&c->v, from, to, self ? &c->v : &o->v) : VEC(erase)(&c->v, from, to);
      end_call();
      if (self && (from > to || to > c->mlen))
         CHECK(st == VV32_EINVAL || st == VV32_ERANGE);     /* both apply */
      else if (check_status(st, want)) {
         CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         check_counts(0, dr ? 0u : to - from);
         if (dr) {
            m_insert(o, o->mlen, c->m + from, to - from);
            check_growth(&g_before[g_cur ^ 1u], &o->v, (uint64_t)g_before[g_cur ^ 1u].len + (to - from), false);
         }
         m_erase(c, from, to);
      }
      if (st != VV32_OK)
         check_unchanged(st, NULL);
      break;
   }
   case OP_TRUNCATE:
   case OP_CLEAR:
      n = op == OP_CLEAR ? 0u : ridx(c->mlen);
      begin_op(op == OP_CLEAR ? "clear" : "truncate");
      if (op == OP_CLEAR)
         VEC(clear)(&c->v);
      else
         VEC(truncate)(&c->v, n);
      end_call();
      CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
      if (n < c->mlen) {
         check_counts(0, c->mlen - n);
         m_erase(c, n, c->mlen);
      } else {
         check_counts(0, 0);
      }
      break;
   case OP_RESIZE: {
      /* Fill from outside, from inside, or NULL (POD: zero bytes; managed:
         EINVAL when growing). */
      uint8_t mode = rb() % 4u;
      elem ext = 0;
      const elem *fill = NULL;
      uint32_t fkey = 0;
      bool made = false;
      n = r16() % (MAXLEN + 1u);
      if (rb() & 1u)                       /* often near the current length */
         n = c->mlen + (n % 16u) > 8u ? c->mlen + (n % 16u) - 8u : 0u;
      if (n > MAXLEN)
         n = MAXLEN;
      if (mode == 0 || (mode == 1 && c->mlen == 0)) {
         fkey = rkey();
         ext = mk(fkey);
         made = true;
         fill = &ext;
      } else if (mode == 1) {
         j = r16() % c->mlen;
         fill = &c->v.data[j];
         fkey = c->m[j];
      }
      begin_op(fill == NULL ? "resize(NULL)" : "resize");
      st = VEC(resize)(&c->v, n, fill);
      end_call();
      if (check_status(st, MANAGED && fill == NULL && n > cb->len ? VV32_EINVAL : VV32_OK)) {
         if (n <= c->mlen) {
            CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
            check_counts(0, c->mlen - n);
            m_erase(c, n, c->mlen);
         } else {
            uint32_t add = n - c->mlen;
            check_counts(add, 0);
            m_room(c, n);
            for (j = 0; j < add; j++)
               c->m[c->mlen + j] = fkey;
            c->mlen = n;
            check_growth(cb, &c->v, n, false);
         }
      } else {
         check_unchanged(st, c);
      }
      if (made)
         unmake(&ext);
      break;
   }
   case OP_APPEND: {
      bool self = (rb() % 8u) == 0;
      if (c->mlen + o->mlen > MAXLEN)
         break;
      begin_op("append");
      st = VEC(append)(&c->v, self ? &c->v : &o->v);
      end_call();
      if (check_status(st, self ? VV32_EINVAL : VV32_OK)) {
         check_counts(0, 0);
         CHECK(o->v.len == 0);
         CHECK(c->v.len <= c->v.cap);
         m_insert(c, c->mlen, o->m, o->mlen);
         o->mlen = 0;
         /* dst grew, or (when empty) took src's buffer */
         if (!(cb->len == 0 && g_before[g_cur ^ 1u].len != 0 && c->v.data == g_before[g_cur ^ 1u].data))
            check_growth(cb, &c->v, (uint64_t)cb->len + g_before[g_cur ^ 1u].len, false);
      } else {
         check_unchanged(st, NULL);
      }
      break;
   }
   case OP_CLONE: {
      vec t;
      scribble(&t);
      begin_op("clone");
      st = VEC(clone)(&t, &c->v);
      end_call();
      if (check_status(st, VV32_OK)) {
         check_counts(c->mlen, 0);
         CHECK(t.len == c->v.len && t.cap >= t.len);
         CHECK(VEC(equal)(&t, &c->v));
         replace_oth(o, &t, c->m, c->mlen);
      } else {
         check_unchanged(st, NULL);
         CHECK(t.data == NULL && t.len == 0 && t.cap == 0);   /* empty, owns nothing */
      }
      break;
   }
   case OP_SPLIT_OFF: {
      vec t;
      uint32_t at = ridx(c->mlen);
      scribble(&t);
      begin_op("split_off");
      st = VEC(split_off)(&c->v, at, &t);
      end_call();
      if (check_status(st, at > cb->len ? VV32_ERANGE : VV32_OK)) {
         check_counts(0, 0);
         CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         CHECK(t.len == c->mlen - at && t.cap >= t.len);
         replace_oth(o, &t, c->m + at, c->mlen - at);
         m_erase(c, at, c->mlen);
      } else {
         check_unchanged(st, NULL);
         CHECK(t.data == NULL && t.len == 0 && t.cap == 0);
      }
      break;
   }
   case OP_RESERVE:
   case OP_RESERVE_EXACT: {
      bool exact = op == OP_RESERVE_EXACT;
      vv32_status want = VV32_OK;
      uint32_t add = r16() % MAXCAP;
      if (c->mlen != 0 && rb() == 0xFF) {            /* past UINT32_MAX */
         add = UINT32_MAX - rb() % c->mlen;         /* len + add > UINT32_MAX */
         want = VV32_ECAPACITY;
      }
      begin_op(exact ? "reserve_exact" : "reserve");
      st = exact ? VEC(reserve_exact)(&c->v, add) : VEC(reserve)(&c->v, add);
      end_call();
      if (check_status(st, want)) {
         check_counts(0, 0);
         check_growth(cb, &c->v, (uint64_t)cb->len + add, exact);
      } else {
         check_unchanged(st, c);
      }
      break;
   }
   case OP_SHRINK_TO:
   case OP_SHRINK_TO_FIT: {
      uint32_t min_cap = op == OP_SHRINK_TO ? r16() % MAXCAP : 0u;
      uint32_t target = c->mlen > min_cap ? c->mlen : min_cap;
      begin_op(op == OP_SHRINK_TO ? "shrink_to" : "shrink_to_fit");
      st = op == OP_SHRINK_TO ? VEC(shrink_to)(&c->v, min_cap) : VEC(shrink_to_fit)(&c->v);
      end_call();
      if (check_status(st, VV32_OK)) {
         check_counts(0, 0);
         if (target > cb->cap) {
            /* the header: "grows exactly when min_cap is above the capacity" */
            check_growth(cb, &c->v, target, true);
         } else if (target == cb->cap) {
            CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         } else {
            /* cap >= max(len, min_cap), as near as the allocator allows (not
               necessarily below the old cap: an allocator's slack may grow
               with the request) */
            CHECK(c->v.cap >= target);
            CHECK((uint64_t)c->v.cap * sizeof(elem) <= (uint64_t)target * sizeof(elem) + SLACK_BYTES);
         }
      } else {
         check_unchanged(st, c);
      }
      break;
   }
   case OP_RETAIN: {
      struct keep_ctx kc;
      kc.s = c;
      kc.next = 0;
      kc.mask = r32();
      kc.kept = 0;
      begin_op("retain");
      VEC(retain)(&c->v, keep_fn, &kc);
      end_call();
      CHECK(kc.next == c->mlen);
      CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
      check_counts(0, c->mlen - kc.kept);
      for (i = j = 0; i < c->mlen; i++)
         if ((kc.mask >> (c->m[i] % 31u)) & 1u)
            c->m[j++] = c->m[i];
      CHECK(j == kc.kept);
      c->mlen = j;
      break;
   }
   case OP_REVERSE:
      begin_op("reverse");
      VEC(reverse)(&c->v);
      end_call();
      check_counts(0, 0);
      CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
      for (i = 0, j = c->mlen; i + 1u < j; i++, j--) {
         uint32_t t = c->m[i];
         c->m[i] = c->m[j - 1u];
         c->m[j - 1u] = t;
      }
      break;
   case OP_SORT:
   case OP_STABLE_SORT: {
      /* The expected order: the model's stable sort of (key, value); the
         stable sort must give exactly those values (for str: the same
         pointers, so equal strings keep their order), the unstable one the
         same keys. */
      static struct kp a[2u * MAXLEN + 8u], tmp[2u * MAXLEN + 8u];
      bool stable = op == OP_STABLE_SORT;
      if (stable ? VEC(stable_sort) == NULL : VEC(sort) == NULL) {
         static bool told;
         if (!told)
            fprintf(stderr, "fuzz_" TYPE_NAME ": note: valvec32_" TYPE_NAME "_%s is not in the "
                    "generated source; those operations are skipped\n", stable ? "stable_sort" : "sort");
         told = true;
         break;
      }
      for (i = 0; i < c->mlen; i++) {
         a[i].key = c->m[i];
         a[i].val = c->v.data[i];
      }
      m_merge_sort(a, tmp, c->mlen);
      begin_op(stable ? "stable_sort" : "sort");
      if (stable) {
         st = VEC(stable_sort)(&c->v);
      } else {
         VEC(sort)(&c->v);
         st = VV32_OK;
      }
      end_call();
      if (check_status(st, VV32_OK)) {
         check_counts(0, 0);
         CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
         for (i = 0; i < c->mlen; i++) {
            c->m[i] = a[i].key;
            if (stable)
               CHECK(memcmp(&c->v.data[i], &a[i].val, sizeof(elem)) == 0);
         }
      } else {
         check_unchanged(st, NULL);
      }
      break;
   }
   case OP_DEDUP: {
      uint32_t dropped;
      begin_op("dedup");
      dropped = VEC(dedup)(&c->v);
      end_call();
      CHECK(c->v.data == cb->data && c->v.cap == cb->cap);
      for (i = j = 0; i < c->mlen; i++)
         if (j == 0 || model_cmp(c->m[j - 1u], c->m[i]) != 0)
            c->m[j++] = c->m[i];
      CHECK(dropped == c->mlen - j);
      check_counts(0, dropped);
      c->mlen = j;
      break;
   }
   case OP_FIND:
   case OP_LOWER_BOUND: {
      /* Keys from outside or from inside the vector. */
      elem ext = 0;
      const elem *keyp;
      bool inside = c->mlen != 0 && (rb() & 1u);
      uint32_t got, expect;
      if (inside) {
         j = r16() % c->mlen;
         key = c->m[j];
         keyp = &c->v.data[j];
      } else {
         key = rkey();
         ext = mk(key);
         keyp = &ext;
      }
      begin_op(op == OP_FIND ? "find" : "lower_bound");
      if (op == OP_FIND) {
         got = VEC(find)(&c->v, keyp);
         for (expect = 0; expect < c->mlen && c->m[expect] != key; expect++)
            ;
         if (expect == c->mlen)
            expect = VV32_NPOS;
         CHECK(got == expect);
         CHECK(VEC(contains)(&c->v, keyp) == (expect != VV32_NPOS));
      } else {
         elem *hit;
         got = VEC(lower_bound)(&c->v, keyp);
         hit = VEC(bsearch)(&c->v, keyp);
         CHECK(got <= c->mlen);
         if (m_sorted(c)) {
            for (expect = 0; expect < c->mlen && model_cmp(c->m[expect], key) < 0; expect++)
               ;
            CHECK(got == expect);
            if (expect < c->mlen && c->m[expect] == key)
               CHECK(hit == c->v.data + expect);
            else
               CHECK(hit == NULL);
         }
      }
      end_call();
      check_counts(0, 0);
      if (!inside)
         unmake(&ext);
      break;
   }
   case OP_SWAP: {
      uint32_t *tm = c->m, tl = c->mlen;
      begin_op("swap");
      VEC(swap)(&c->v, &o->v);
      end_call();
      check_counts(0, 0);
      CHECK(c->v.data == g_before[g_cur ^ 1u].data && o->v.data == cb->data);
      c->m = o->m; c->mlen = o->mlen;
      o->m = tm; o->mlen = tl;
      break;
   }
   case OP_RELEASE_ADOPT: {
      /* release, then: adopt back (same cap, or a smaller one), or drop the
         elements and free the buffer by hand. */
      uint8_t mode = rb() % 4u;
      bool null_out = (rb() % 4u) == 0;
      uint32_t rl = 0xDEADBEEFu, rc = 0xDEADBEEFu, bl, bc;
      elem *p;
      begin_op("release");
      bl = cb->len;
      bc = cb->cap;
      p = VEC(release)(&c->v, null_out ? NULL : &rl, null_out ? NULL : &rc);
      end_call();
      check_counts(0, 0);
      CHECK(p == cb->data);
      CHECK(c->v.data == NULL && c->v.len == 0 && c->v.cap == 0);
      if (!null_out)
         CHECK(rl == bl && rc == bc);
#ifdef FUZZ_CHECK_POISON
      if (p != NULL)       /* all of the buffer is the caller's now */
         CHECK(__asan_region_is_poisoned(p, sizeof(elem) * bc) == NULL);
#endif
      if (p != NULL && bc > bl)   /* the slack is writable */
         memset(p + bl, 0x5A, sizeof(elem) * (bc - bl));
      if (mode == 3) {
         for (i = 0; i < bl; i++) {
            CHECK(key_of(&p[i]) == c->m[i]);
            unmake(&p[i]);
         }
         buffer_free(p);
         c->mlen = 0;
      } else {
         uint32_t cap = bc;
         if (mode == 2 && cap > bl) {
            cap = bl + r16() % (cap - bl);
            if (cap == 0) {       /* adopt NULL with cap 0 needs no buffer */
               buffer_free(p);
               p = NULL;
            }
         }
         g_opname = "adopt";
         scribble(&c->v);        /* uninitialised in */
         VEC(adopt)(&c->v, p, bl, cap);
         CHECK(vv32_fault_clones == g_clones0 && vv32_fault_drops == g_drops0);
         CHECK(c->v.data == p && c->v.len == bl && c->v.cap == cap);
         if (cap != bc && p != NULL)
            add_short(&c->v);
      }
      break;
   }
   case OP_QUERY: {
      elem *e;
      i = ridx(c->mlen);
      e = VEC(get)(&c->v, i);
      CHECK(i < c->mlen ? e == c->v.data + i : e == NULL);
      e = VEC(front)(&c->v);
      CHECK(c->mlen ? e == c->v.data : e == NULL);
      e = VEC(back)(&c->v);
      CHECK(c->mlen ? e == c->v.data + c->mlen - 1u : e == NULL);
      CHECK(VEC(begin)(&c->v) == c->v.data);
      CHECK(VEC(end)(&c->v) == (c->mlen ? c->v.data + c->mlen : c->v.data));
      CHECK(VEC(is_empty)(&c->v) == (c->mlen == 0));
      CHECK(VEC(equal)(&c->v, &o->v) ==
            (c->mlen == o->mlen && (c->mlen == 0 || memcmp(c->m, o->m, sizeof(uint32_t) * c->mlen) == 0)));
      CHECK(VEC(equal)(&c->v, &c->v));
      break;
   }
   case OP_WITH_CAPACITY: {
      vec t;
      n = r16() % MAXCAP;
      scribble(&t);
      begin_op("with_capacity");
      st = VEC(with_capacity)(&t, n);
      end_call();
      if (check_status(st, VV32_OK)) {
         struct snap empty = { NULL, 0, 0, NULL };
         check_counts(0, 0);
         CHECK(t.len == 0);
         check_growth(&empty, &t, n, true);
         if (n == 0)
            CHECK(t.data == NULL && t.cap == 0);
         replace_oth(o, &t, NULL, 0);
      } else {
         check_unchanged(st, NULL);
         CHECK(t.data == NULL && t.len == 0 && t.cap == 0);
      }
      break;
   }
   case OP_DESTROY:
      begin_op("destroy");
      VEC(destroy)(&c->v);
      end_call();
      check_counts(0, c->mlen);
      CHECK(c->v.data == NULL && c->v.len == 0 && c->v.cap == 0);
      c->mlen = 0;
      break;
   default:
      break;
   }
   /* Faults armed for an operation the harness skipped are dropped. */
   g_arm_alloc = g_arm_clone = 0;
}

/* ---- the entry point ---------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FUZZ_TRACE=1 in the environment prints every operation (to debug a crash). */
static int g_trace = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   unsigned ops = 0;
   int k;
   if (g_trace < 0)
      g_trace = getenv("FUZZ_TRACE") != NULL && *getenv("FUZZ_TRACE") == '1';
   g_in = data;
   g_left = size;
   g_made = g_freed = 0;
   g_opno = 0;
#if MANAGED
   rank_init();
#endif
   g_cur = 0;
   g_arm_alloc = g_arm_clone = 0;
   vv32_fault_reset();
   memset(g_short, 0, sizeof g_short);
#if !MANAGED
   CHECK(count_live_blocks() == 0);
#endif
   for (k = 0; k < 2; k++) {
      vec z = VALVEC32_INIT;
      g_s[k].v = z;
      if (k == 1)
         VEC(init)(&g_s[k].v);
      g_s[k].mlen = 0;
      m_room(&g_s[k], 0);
   }
   check_all();
   while (g_left != 0 && ops++ < MAXOPS) {
      unsigned op = rb() % OP_COUNT;
      run_op(op);
      if (g_trace)
         fprintf(stderr, "[%u] %-16s cur=%u  v0 len %u cap %u data %p | v1 len %u cap %u data %p\n",
                 ops, g_names[op], g_cur, g_s[0].v.len, g_s[0].v.cap, (void *)g_s[0].v.data,
                 g_s[1].v.len, g_s[1].v.cap, (void *)g_s[1].v.data);
      check_all();
   }
   g_opname = "end";
   for (k = 0; k < 2; k++) {
      VEC(destroy)(&g_s[k].v);
      g_s[k].mlen = 0;
   }
   check_all();
#if MANAGED
   CHECK(g_made + vv32_fault_clones == vv32_fault_drops + g_freed);
#else
   CHECK(count_live_blocks() == 0);
#endif
   return 0;
}

#ifdef FUZZ_STANDALONE
/* Replays the files named on the command line (no libFuzzer). */
int main(int argc, char **argv)
{
   int i;
   for (i = 1; i < argc; i++) {
      FILE *f = fopen(argv[i], "rb");
      static uint8_t buf[1 << 20];
      size_t n;
      if (f == NULL) {
         perror(argv[i]);
         return 2;
      }
      n = fread(buf, 1, sizeof buf, f);
      fclose(f);
      LLVMFuzzerTestOneInput(buf, n);
   }
   printf("fuzz_" TYPE_NAME ": replayed %d inputs\n", argc - 1);
   for (i = 0; i < 2; i++) {
      free(g_s[i].m);
      free(g_before[i].copy);
   }
   return 0;
}
#endif
