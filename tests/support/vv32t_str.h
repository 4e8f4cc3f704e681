/* str: owned, heap-allocated `char *` elements (a managed type). */
#ifndef VV32T_STR_H
#define VV32T_STR_H

#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Ordering: strcmp; a NULL string sorts before every other string. */
static inline int str_cmp(char *const *a, char *const *b)
{
   if (*a == NULL || *b == NULL)
      return (*a != NULL) - (*b != NULL);
   return strcmp(*a, *b);
}

int str_clone(char **dst, char *const *src);   /* 0 = ok; nonzero (nothing made) if out of memory */
void str_drop(char **s);
char *str_from_int(int i);                     /* a new owned string ("s<i>"); aborts if out of memory */

#ifdef __cplusplus
}
#endif

#endif
