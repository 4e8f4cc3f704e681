/* Orderings and samples for the arithmetic test types of types.lua (u8, i32, u64, f64, u32).
   Ordering hooks are static inline so the generated sort inlines them. */
#ifndef VV32T_NUM_H
#define VV32T_NUM_H

#include <math.h>
#include <stdint.h>

/* -1, 0, 1 without overflow; this form lets gcc reduce cmp(a, b) < 0 to one compare. */
#define VV32T_CMP3(a, b) ((a) < (b) ? -1 : (a) > (b))

static inline int u8_cmp(const uint8_t *a, const uint8_t *b) { return VV32T_CMP3(*a, *b); }
static inline int i32_cmp(const int32_t *a, const int32_t *b) { return VV32T_CMP3(*a, *b); }
static inline int u32_cmp(const uint32_t *a, const uint32_t *b) { return VV32T_CMP3(*a, *b); }
static inline int u64_cmp(const uint64_t *a, const uint64_t *b) { return VV32T_CMP3(*a, *b); }

/* A total order on doubles: numbers in numeric order (-0.0 equals +0.0), then every NaN;
   all NaNs are equal to each other. So sort, bsearch and dedup stay consistent with NaNs. */
static inline int f64_cmp(const double *a, const double *b)
{
   int a_nan = isnan(*a), b_nan = isnan(*b);
   if (a_nan || b_nan)
      return (a_nan != 0) - (b_nan != 0);
   return VV32T_CMP3(*a, *b);
}

/* Distinct values for distinct i, with the awkward ones mixed in: one NaN (i == 3),
   +inf (i == 7), -inf (i == 11), and negatives (i % 4 == 1). */
static inline double f64_sample(int i)
{
   if (i == 3) return NAN;
   if (i == 7) return INFINITY;
   if (i == 11) return -INFINITY;
   return i % 4 == 1 ? -(double)i : (double)i;
}

#endif
