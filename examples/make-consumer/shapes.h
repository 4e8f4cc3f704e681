/* The element types and hooks that types.lua names. */
#ifndef SHAPES_H
#define SHAPES_H

#include <stdint.h>

struct rect {
   int32_t w, h;
};

static inline int32_t rect_area(const struct rect *r)
{
   return r->w * r->h;
}

/* Orders by value; never overflows (no a - b). */
static inline int i32_cmp(const int32_t *a, const int32_t *b)
{
   return (*a > *b) - (*a < *b);
}

/* Orders by area, then width. */
static inline int rect_cmp(const struct rect *a, const struct rect *b)
{
   int32_t x = rect_area(a), y = rect_area(b);
   if (x != y)
      return (x > y) - (x < y);
   return (a->w > b->w) - (a->w < b->w);
}

static inline struct rect rect_sample(int i)
{
   struct rect r = { i % 7 + 1, i % 5 + 1 };
   return r;
}

#endif
