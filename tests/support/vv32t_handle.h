/* struct handle: a move-only resource (drop, no clone) owning one heap int. */
#ifndef VV32T_HANDLE_H
#define VV32T_HANDLE_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

struct handle { int *res; };

static inline bool handle_eq(const struct handle *a, const struct handle *b)
{
   return *a->res == *b->res;
}

void handle_drop(struct handle *h);
struct handle handle_sample(int i);   /* owns a new int holding i; aborts if out of memory */

#ifdef __cplusplus
}
#endif

#endif
