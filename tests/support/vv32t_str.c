#include "vv32t_str.h"

#include <stdio.h>
#include <stdlib.h>

static char *dup_(const char *s)
{
   size_t n = strlen(s) + 1;
   char *d = (char *)malloc(n);
   if (d != NULL)
      memcpy(d, s, n);
   return d;
}

int str_clone(char **dst, char *const *src)
{
   char *d = NULL;
   if (*src != NULL && (d = dup_(*src)) == NULL)
      return 1;
   *dst = d;
   return 0;
}

void str_drop(char **s)
{
   free(*s);
   *s = NULL;
}

char *str_from_int(int i)
{
   char tmp[16];
   char *s;
   snprintf(tmp, sizeof tmp, "s%d", i);
   if ((s = dup_(tmp)) == NULL)
      abort();
   return s;
}
