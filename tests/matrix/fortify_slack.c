/* Usable-size growth under -D_FORTIFY_SOURCE=3.

   The vectors claim the allocator's slack as capacity. If the compiler
   believed the buffer had only the requested size, a fortified memcpy or
   memset into [requested, usable) would abort ("buffer overflow detected").
   This program writes into the slack through the data pointer right after
   every kind of growth, with the compiler as well placed as it can be to
   track the allocation: built normally (generated sources in their own
   objects), as one translation unit with the generated type sources
   (-DSLACK_UNITY: realloc, the claim and these writes inline into one
   function), or with -flto. It must run to the end.

   `fortify_slack control` writes into the slack of a plain malloc'ed block
   the same way and must abort: it proves the checks are live in this build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

#ifdef SLACK_UNITY
#ifdef SLACK_UNITY_COMMON
#include "valvec32_common.c"
#endif
#include "valvec32_i32.c"
#include "valvec32_u8.c"
#include "valvec32_point.c"
#include "valvec32_u32.c"
#include "valvec32_str.c"
#else
#include "valvec32_i32.h"
#include "valvec32_u8.h"
#include "valvec32_point.h"
#include "valvec32_u32.h"
#include "valvec32_str.h"
#endif

static unsigned long checks;

#define CHECK(c) do { \
      if (!(c)) { fprintf(stderr, "fortify_slack: %s:%d: %s\n", __FILE__, __LINE__, #c); exit(1); } \
      checks++; \
   } while (0)

/* Fills the slack [len, cap) and then all of [0, cap) through the data
   pointer with the fortified string functions. */
#define TOUCH_SLACK(V, v, T) do { \
      if ((v)->cap > (v)->len) \
         memset((v)->data + (v)->len, 0x5A, sizeof(T) * ((v)->cap - (v)->len)); \
      if ((v)->cap != 0) { \
         T *tmp_ = (T *)calloc((v)->cap, sizeof(T)); \
         CHECK(tmp_ != NULL); \
         memcpy(tmp_, (v)->data, sizeof(T) * (v)->len); \
         memcpy((v)->data, tmp_, sizeof(T) * (v)->cap); \
         free(tmp_); \
         CHECK((v)->len == 0 || memcmp((v)->data, (v)->data, sizeof(T)) == 0); \
      } \
   } while (0)

/* One scenario for a plain-data vector type V of T, made from int by MK. */
#define SCENARIO(V, T, MK, FREE_BUF) do { \
      V v = VALVEC32_INIT, w; \
      T *p, *slot; \
      uint32_t i, len, cap; \
      /* first growth, then fill the claimed capacity */ \
      CHECK(V##_push(&v, MK(1)) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      while (v.len < v.cap) \
         V##_push_unchecked(&v, MK((int)v.len + 1)); \
      CHECK(v.len == v.cap); \
      /* amortized growth through every entry point */ \
      CHECK(V##_push(&v, MK(7)) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_reserve(&v, 100) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_extend(&v, v.data, v.len) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_resize(&v, v.cap, NULL) == VV32_OK); /* fills the slack itself */ \
      TOUCH_SLACK(V, &v, T); \
      slot = V##_emplace(&v); \
      CHECK(slot != NULL); \
      *slot = MK(3); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_insert(&v, 0, MK(4)) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_reserve_exact(&v, 1000) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_shrink_to_fit(&v) == VV32_OK); \
      TOUCH_SLACK(V, &v, T); \
      CHECK(V##_clone(&w, &v) == VV32_OK); \
      TOUCH_SLACK(V, &w, T); \
      V##_destroy(&w); \
      CHECK(V##_with_capacity(&w, 5) == VV32_OK); \
      TOUCH_SLACK(V, &w, T); \
      CHECK(V##_split_off(&v, v.len / 2, &w) == VV32_OK); \
      TOUCH_SLACK(V, &w, T); \
      for (i = 0; i < 300; i++) { \
         CHECK(V##_push(&w, MK((int)i)) == VV32_OK); \
         TOUCH_SLACK(V, &w, T); \
      } \
      p = V##_release(&w, &len, &cap); \
      CHECK(p != NULL && len <= cap); \
      memset(p, 0, sizeof(T) * cap);                 /* the caller owns all of it */ \
      FREE_BUF(p); \
      V##_destroy(&v); \
   } while (0)

static int32_t mk_i32(int i) { return (int32_t)i; }
static uint8_t mk_u8(int i) { return (uint8_t)i; }
static uint32_t mk_u32(int i) { return (uint32_t)i; }
static struct point mk_point(int i) { struct point q; q.x = i; q.y = -i; return q; }

/* str: a managed type; the slack holds no elements, writes there are fine. */
static void str_scenario(void)
{
   valvec32_str v = VALVEC32_INIT;
   char **p;
   uint32_t i, len, cap;
   for (i = 0; i < 200; i++) {
      CHECK(valvec32_str_push(&v, str_from_int((int)i)) == VV32_OK);
      if (v.cap > v.len)
         memset(v.data + v.len, 0, sizeof(char *) * (v.cap - v.len));
   }
   CHECK(valvec32_str_extend(&v, v.data, v.len) == VV32_OK);
   if (v.cap > v.len)
      memset(v.data + v.len, 0, sizeof(char *) * (v.cap - v.len));
   p = valvec32_str_release(&v, &len, &cap);
   for (i = 0; i < len; i++)
      str_drop(&p[i]);
   memset(p, 0, sizeof(char *) * cap);
   free(p);
}

/* Writes into the slack of a block the compiler knows the size of: must
   abort under _FORTIFY_SOURCE=3. */
static int control(void)
{
   size_t req = 20 + (size_t)(rand() % 2), usable;
   unsigned char *p = (unsigned char *)malloc(req);
   if (p == NULL)
      return 1;
#if defined(__GLIBC__)
   usable = malloc_usable_size(p);
#else
   usable = req + 8;
#endif
   if (usable <= req)
      usable = req + 1;           /* past the object either way */
   memset(p, 0, usable);
   printf("fortify_slack: control wrote %zu bytes into a %zu-byte object and was not stopped\n",
          usable, req);
   free(p);
   return 0;
}

int main(int argc, char **argv)
{
   if (argc > 1 && strcmp(argv[1], "control") == 0)
      return control() == 0 ? 3 : 1;
#if !defined(_FORTIFY_SOURCE) || _FORTIFY_SOURCE < 3
   fprintf(stderr, "fortify_slack: built without -D_FORTIFY_SOURCE=3\n");
#endif
   SCENARIO(valvec32_i32, int32_t, mk_i32, free);
   SCENARIO(valvec32_u8, uint8_t, mk_u8, free);
   SCENARIO(valvec32_point, struct point, mk_point, free);
   SCENARIO(valvec32_u32, uint32_t, mk_u32, count_free);
   str_scenario();
   printf("fortify_slack: %lu checks passed, no fortify abort\n", checks);
   return 0;
}
