/* A set of nonzero uint64_t keys: open addressing, linear probing, deletion
   by backward shift (no tombstones), so it never silts up. Internal to the
   support files. */
#ifndef FT_SET_H
#define FT_SET_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct ft_set { uint64_t *slot; size_t mask; size_t count; };

static size_t ft_set_hash_(uint64_t k)
{
   k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33;
   return (size_t)k;
}

static void ft_set_insert(struct ft_set *s, uint64_t k);

static void ft_set_grow_(struct ft_set *s)
{
   struct ft_set n;
   size_t i;
   n.mask = s->slot ? s->mask * 2 + 1 : 1023;
   n.count = 0;
   n.slot = (uint64_t *)calloc(n.mask + 1, sizeof *n.slot);
   if (n.slot == NULL) {
      fputs("ft_set: out of memory\n", stderr);
      abort();
   }
   for (i = 0; s->slot && i <= s->mask; i++)
      if (s->slot[i])
         ft_set_insert(&n, s->slot[i]);
   free(s->slot);
   *s = n;
}

static void ft_set_insert(struct ft_set *s, uint64_t k)
{
   size_t i;
   if (s->slot == NULL || (s->count + 1) * 2 > s->mask + 1)
      ft_set_grow_(s);
   for (i = ft_set_hash_(k) & s->mask; s->slot[i]; i = (i + 1) & s->mask)
      if (s->slot[i] == k)
         return;
   s->slot[i] = k;
   s->count++;
}

/* Removes k; false if it was not there. */
static int ft_set_remove(struct ft_set *s, uint64_t k)
{
   size_t i, j;
   if (s->slot == NULL)
      return 0;
   for (i = ft_set_hash_(k) & s->mask; s->slot[i] != k; i = (i + 1) & s->mask)
      if (s->slot[i] == 0)
         return 0;
   s->count--;
   /* backward-shift deletion */
   for (j = (i + 1) & s->mask; s->slot[j]; j = (j + 1) & s->mask) {
      size_t h = ft_set_hash_(s->slot[j]) & s->mask;
      /* move slot[j] into the hole at i unless its home lies in (i, j] */
      if (((j - h) & s->mask) >= ((j - i) & s->mask)) {
         s->slot[i] = s->slot[j];
         i = j;
      }
   }
   s->slot[i] = 0;
   return 1;
}

static int ft_set_has(const struct ft_set *s, uint64_t k)
{
   size_t i;
   if (s->slot == NULL)
      return 0;
   for (i = ft_set_hash_(k) & s->mask; s->slot[i]; i = (i + 1) & s->mask)
      if (s->slot[i] == k)
         return 1;
   return 0;
}

#endif
