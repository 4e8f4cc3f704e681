/* cstr: non-owning `const char *` elements, ordered by strcmp. */
#ifndef VV32T_CSTR_H
#define VV32T_CSTR_H

#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

static inline int cstr_cmp(const char *const *a, const char *const *b)
{
   return strcmp(*a, *b);
}

/* A pointer to a static string, the same pointer for the same i; distinct strings for
   0 <= i < 4096 (i is taken modulo 4096). Nothing to free. */
const char *cstr_sample(int i);

#ifdef __cplusplus
}
#endif

#endif
