/* The failing, counting allocator of tests/fault/types.lua. */
#include "ft_hooks.h"
#include "ft_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long ft_fail_countdown;
size_t ft_alloc_limit = (size_t)64 << 20;
unsigned long ft_alloc_calls;
unsigned long ft_alloc_failed;
size_t ft_last_request;
long ft_live_blocks;
unsigned long ft_bad_frees;
unsigned long ft_zero_requests;
unsigned long ft_fresh_calls;

/* Block layout: [usable (size_t), pad][usable bytes][8 canary bytes]. */
#define FT_HEAD 16u
#define FT_CANARY 0xC5u
static struct ft_set live_;   /* the user pointers of the live blocks */

static size_t usable_for_(size_t n)
{
   size_t chunk = (n + 8 + 15) & ~(size_t)15;   /* glibc: n + 8, 16-aligned, >= 32 */
   if (chunk < 32)
      chunk = 32;
   return chunk - 8;
}

static unsigned char *base_of_(void *p) { return (unsigned char *)p - FT_HEAD; }

/* The usable size of a live block, checking its canary; 0 and a bad-free
   count for anything else. */
static size_t check_(void *p, const char *what)
{
   size_t usable, k;
   unsigned char *c;
   if (!ft_set_has(&live_, (uint64_t)(uintptr_t)p)) {
      fprintf(stderr, "ft_alloc: %s(%p): not a live block\n", what, p);
      ft_bad_frees++;
      return 0;
   }
   memcpy(&usable, base_of_(p), sizeof usable);
   c = (unsigned char *)p + usable;
   for (k = 0; k < 8; k++)
      if (c[k] != FT_CANARY) {
         fprintf(stderr, "ft_alloc: %s(%p): write past the usable size\n", what, p);
         ft_bad_frees++;
         break;
      }
   return usable;
}

static void release_(void *p, size_t usable)
{
   ft_set_remove(&live_, (uint64_t)(uintptr_t)p);
   memset(base_of_(p), 0xDD, FT_HEAD + usable + 8);   /* poison, then really free */
   free(base_of_(p));
   ft_live_blocks--;
}

void *ft_realloc(void *p, size_t n)
{
   size_t old = 0, usable;
   unsigned char *base;
   ft_alloc_calls++;
   ft_last_request = n;
   if (p == NULL)
      ft_fresh_calls++;
   if (p != NULL) {
      old = check_(p, "ft_realloc");
      if (old == 0) {
         ft_alloc_failed++;
         return NULL;
      }
   }
   if (n == 0) {
      ft_zero_requests++;
      ft_alloc_failed++;
      return NULL;
   }
   if (ft_fail_countdown > 0 && --ft_fail_countdown == 0) {
      ft_alloc_failed++;
      return NULL;           /* injected failure: p untouched, as realloc promises */
   }
   if (n > ft_alloc_limit) {
      ft_alloc_failed++;
      return NULL;
   }
   usable = usable_for_(n);
   base = (unsigned char *)malloc(FT_HEAD + usable + 8);
   if (base == NULL) {
      ft_alloc_failed++;
      return NULL;
   }
   memcpy(base, &usable, sizeof usable);
   memset(base + FT_HEAD, 0xA5, usable);                 /* fresh bytes: garbage */
   memset(base + FT_HEAD + usable, FT_CANARY, 8);
   if (p != NULL) {
      memcpy(base + FT_HEAD, p, old < usable ? old : usable);
      release_(p, old);
   }
   ft_live_blocks++;
   ft_set_insert(&live_, (uint64_t)(uintptr_t)(base + FT_HEAD));
   return base + FT_HEAD;
}

void ft_free(void *p)
{
   size_t usable;
   if (p == NULL)
      return;
   usable = check_(p, "ft_free");
   if (usable != 0)
      release_(p, usable);
}

size_t ft_usable_size(void *p)
{
   return p == NULL ? 0 : check_(p, "ft_usable_size");
}
