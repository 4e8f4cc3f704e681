/* Checked builds cost nothing when they are off: the push loops below are
   compiled plain (-O2), disassembled and run under callgrind by run.sh. */
#include <stdio.h>
#include <stdlib.h>

#include "valvec32_i32.h"

/* push from empty: the inline fast path plus its cold slow path */
VV32_NOINLINE int push_loop(valvec32_i32 *v, uint32_t n)
{
   uint32_t i;
   for (i = 0; i < n; i++)
      if (valvec32_i32_push(v, (int32_t)i) != VV32_OK)
         return 1;
   return 0;
}

/* push_unchecked into reserved room */
VV32_NOINLINE void push_unchecked_loop(valvec32_i32 *v, uint32_t n)
{
   uint32_t i;
   for (i = 0; i < n; i++)
      valvec32_i32_push_unchecked(v, (int32_t)i);
}

int main(int argc, char **argv)
{
   uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 1000000u;
   valvec32_i32 v = VALVEC32_INIT;
   long long sum = 0;
   uint32_t i;
   if (push_loop(&v, n) != 0)
      return 1;
   valvec32_i32_clear(&v);
   if (valvec32_i32_capacity(&v) < n)
      return 1;
   push_unchecked_loop(&v, n);
   for (i = 0; i < valvec32_i32_len(&v); i++)
      sum += *valvec32_i32_get(&v, i);
   printf("%u pushes, sum %lld\n", n, sum);
   valvec32_i32_destroy(&v);
   return 0;
}
