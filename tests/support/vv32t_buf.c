#include "vv32t_buf.h"

#include <stdlib.h>

/* Both writers of a struct buf clear it whole first, padding included, so that
   the suites' byte-wise snapshots compare initialised bytes (valgrind). */

int buf_clone(struct buf *dst, const struct buf *src)
{
   unsigned char *p = NULL;
   if (src->len != 0) {
      if ((p = (unsigned char *)malloc(src->len)) == NULL)
         return 1;
      memcpy(p, src->bytes, src->len);
   }
   memset(dst, 0, sizeof *dst);
   dst->bytes = p;
   dst->len = src->len;
   return 0;
}

void buf_drop(struct buf *b)
{
   free(b->bytes);
   b->bytes = NULL;
   b->len = 0;
}

struct buf buf_sample(int i)
{
   struct buf b;
   uint32_t u = (uint32_t)i, k;
   memset(&b, 0, sizeof b);
   b.len = 4 + u % 3;
   if ((b.bytes = (unsigned char *)malloc(b.len)) == NULL)
      abort();
   for (k = 0; k < b.len; k++)
      b.bytes[k] = (unsigned char)(k < 4 ? u >> (8 * k) : 0xABu);
   return b;
}
