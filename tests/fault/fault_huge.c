/* make test-huge (opt-in; 4 GiB of memory): a uint8_t vector (the default
   allocator) pushed one element at a time to UINT32_MAX elements; one more
   push, and every other way to grow, gives VV32_ECAPACITY with nothing lost. */
#include "ft_test.h"
#include "valvec32_common.h"
#include "valvec32_ft_u8.h"

#include <time.h>

static double now(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static bool intact(const valvec32_ft_u8 *v, uint32_t n)
{
   uint64_t i;
   for (i = 0; i < n; i++)
      if (v->data[i] != (uint8_t)(i * 7u))
         return false;
   return true;
}

int main(void)
{
   bool ok = true;
   valvec32_ft_u8 v, w, c;
   uint64_t i;
   uint8_t x = 1, *data;
   uint32_t cap;
   double t0 = now();

   ft_set_where("4 Gi pushes");
   valvec32_ft_u8_init(&v);
   for (i = 0; i < UINT32_MAX; i++)
      if (valvec32_ft_u8_push(&v, (uint8_t)(i * 7u)) != VV32_OK)
         break;
   CHECK(i == UINT32_MAX);
   CHECK(v.len == UINT32_MAX && v.cap == UINT32_MAX);
   printf("test-huge: %u elements pushed in %.1f s\n", (unsigned)v.len, now() - t0);

   data = v.data;
   cap = v.cap;
   ft_set_where("at UINT32_MAX");
   CHECK(valvec32_ft_u8_push(&v, x) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_push_clone(&v, &x) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_emplace(&v) == NULL);
   CHECK(valvec32_ft_u8_insert(&v, 0, x) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_insert_n(&v, 5, &x, 1) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_extend(&v, &x, 1) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_extend(&v, v.data, 1) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_reserve(&v, 1) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_reserve_exact(&v, 1) == VV32_ECAPACITY);
   CHECK(valvec32_ft_u8_reserve(&v, 0) == VV32_OK);
   valvec32_ft_u8_init(&w);
   CHECK(valvec32_ft_u8_push(&w, x) == VV32_OK);
   CHECK(valvec32_ft_u8_append(&v, &w) == VV32_ECAPACITY);
   CHECK(w.len == 1 && w.data[0] == x);
   valvec32_ft_u8_destroy(&w);
   CHECK(v.data == data && v.cap == cap && v.len == UINT32_MAX);

   ft_set_where("nothing lost");
   CHECK(intact(&v, UINT32_MAX));

   ft_set_where("pop, push, push");
   CHECK(valvec32_ft_u8_pop(&v, &x) && x == (uint8_t)((UINT32_MAX - 1u) * 7u));
   CHECK(valvec32_ft_u8_push(&v, x) == VV32_OK);
   CHECK(valvec32_ft_u8_push(&v, x) == VV32_ECAPACITY);
   CHECK(v.len == UINT32_MAX && v.data[UINT32_MAX - 1u] == x && v.data[UINT32_MAX - 2u] ==
         (uint8_t)((UINT32_MAX - 2u) * 7u));

   ft_set_where("clone of 4 GiB");
   {
      vv32_status s = valvec32_ft_u8_clone(&c, &v);
      CHECK(s == VV32_OK || s == VV32_ENOMEM);
      if (s == VV32_OK) {
         CHECK(c.len == UINT32_MAX && memcmp(c.data, v.data, UINT32_MAX) == 0);
         valvec32_ft_u8_destroy(&c);
      }
   }
   valvec32_ft_u8_destroy(&v);
   if (ft_failed_checks) {
      fprintf(stderr, "fault_huge: %lu checks FAILED\n", ft_failed_checks);
      return 1;
   }
   printf("test-huge: UINT32_MAX uint8_t elements, next push VV32_ECAPACITY, nothing lost (%.1f s)\n",
          now() - t0);
   return 0;
}
