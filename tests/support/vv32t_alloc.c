#include "vv32t_alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Block layout: [header 16 bytes][usable bytes][canary 8 bytes]; callers get &usable. */
struct head_ { size_t usable; size_t magic; };

#define HEAD_MAGIC ((size_t)0x5656333241424C4BULL)   /* "VV32ABLK" */
#define CANARY 0xC3u
#define FRESH 0xA5u

static long live_;
static unsigned long calls_;

static struct head_ *head_of_(void *p)
{
   struct head_ *h = (struct head_ *)((unsigned char *)p - sizeof(struct head_));
   unsigned char *c = (unsigned char *)p + h->usable;
   size_t k;
   if (h->magic != HEAD_MAGIC) {
      fprintf(stderr, "count allocator: %p was not allocated here (or its header was overwritten)\n", p);
      abort();
   }
   for (k = 0; k < 8; k++)
      if (c[k] != CANARY) {
         fprintf(stderr, "count allocator: write past the usable size of %p\n", p);
         abort();
      }
   return h;
}

void *count_realloc(void *p, size_t n)
{
   struct head_ *h = NULL;
   size_t old = 0, usable;
   unsigned char *base;
   calls_++;
   if (p != NULL) {
      h = head_of_(p);
      old = h->usable;
   }
   if (n == 0) {
      count_free(p);
      return NULL;
   }
   if (n > SIZE_MAX - 64)
      return NULL;
   usable = (n + 15) / 16 * 16 + 16;   /* the spare bytes a real allocator may hand out */
   base = (unsigned char *)realloc(h, sizeof(struct head_) + usable + 8);
   if (base == NULL)
      return NULL;                       /* p is untouched, as realloc promises */
   if (p == NULL)
      live_++;
   h = (struct head_ *)base;
   h->usable = usable;
   h->magic = HEAD_MAGIC;
   if (usable > old)
      memset(base + sizeof(struct head_) + old, FRESH, usable - old);
   memset(base + sizeof(struct head_) + usable, CANARY, 8);
   return base + sizeof(struct head_);
}

void count_free(void *p)
{
   struct head_ *h;
   if (p == NULL)
      return;
   h = head_of_(p);
   h->magic = 0;
   live_--;
   free(h);
}

size_t count_usable_size(void *p)
{
   return p == NULL ? 0 : head_of_(p)->usable;
}

long count_live_blocks(void) { return live_; }
unsigned long count_calls(void) { return calls_; }
