/* struct buf: a managed struct that owns a heap buffer of len bytes (NULL when len == 0). */
#ifndef VV32T_BUF_H
#define VV32T_BUF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

struct buf { unsigned char *bytes; uint32_t len; };

static inline bool buf_eq(const struct buf *a, const struct buf *b)
{
   return a->len == b->len && (a->len == 0 || memcmp(a->bytes, b->bytes, a->len) == 0);
}

int buf_clone(struct buf *dst, const struct buf *src);   /* 0 = ok; nonzero (nothing made) if out of memory */
void buf_drop(struct buf *b);
struct buf buf_sample(int i);   /* 4 to 6 bytes, distinct for distinct i; aborts if out of memory */

#ifdef __cplusplus
}
#endif

#endif
