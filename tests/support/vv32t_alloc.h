/* A counting test allocator for the `alloc` hooks (valvec32_u32 in types.lua).
   It counts live blocks, gives every block 16 to 31 usable bytes past the request (so a
   vector that ignores usable_size is caught), fills fresh bytes with 0xA5 (so code that
   expects zeroed memory is caught), and checks a canary past the usable size on every
   realloc and free (so an overrun aborts). */
#ifndef VV32T_ALLOC_H
#define VV32T_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *count_realloc(void *p, size_t n);   /* realloc(p, n); n == 0 frees p, returns NULL */
void count_free(void *p);
size_t count_usable_size(void *p);        /* bytes the caller may use, >= the request */

long count_live_blocks(void);             /* blocks allocated and not yet freed */
unsigned long count_calls(void);          /* count_realloc calls so far */

/* The generated suites check allocator balance when this is defined. */
#define VV32T_LIVE_BLOCKS() count_live_blocks()

#ifdef __cplusplus
}
#endif

#endif
