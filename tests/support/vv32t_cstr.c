#include "vv32t_cstr.h"

#include <stdio.h>

#define CSTR_POOL 4096u

const char *cstr_sample(int i)
{
   static char pool[CSTR_POOL][8];   /* static storage: the strings outlive every vector */
   unsigned k = (unsigned)i % CSTR_POOL;
   if (pool[k][0] == '\0')
      snprintf(pool[k], sizeof pool[k], "c%04x", k);
   return pool[k];
}
