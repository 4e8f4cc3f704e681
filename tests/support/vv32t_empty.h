/* struct empty: a zero-sized element type (GNU C; sizeof is 0 in C, 1 in C++).
   __extension__ keeps -Wpedantic quiet about the empty member list. */
#ifndef VV32T_EMPTY_H
#define VV32T_EMPTY_H

__extension__ struct empty {};

static inline struct empty empty_sample(int i)
{
   static const struct empty none;
   (void)i;
   return none;
}

#endif
