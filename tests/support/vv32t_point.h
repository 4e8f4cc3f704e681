/* struct point: a plain-data struct element ordered by x, then y. */
#ifndef VV32T_POINT_H
#define VV32T_POINT_H

#include <stdint.h>

struct point { int32_t x, y; };

static inline int point_cmp(const struct point *a, const struct point *b)
{
   if (a->x != b->x) return a->x < b->x ? -1 : 1;
   return (a->y > b->y) - (a->y < b->y);
}

/* Distinct points for distinct i >= 0; x repeats every 7 so that y breaks ties. */
static inline struct point point_sample(int i)
{
   struct point p;
   p.x = i % 7;
   p.y = i / 7;
   return p;
}

#endif
