/* tests/fault: the four element types of the fault runs, each through
   ft_type.inc. */
#include "ft_ops.h"
#include "valvec32_ft_u32.h"
#include "valvec32_ft_rec.h"
#include "valvec32_ft_str.h"
#include "valvec32_ft_obj.h"

#include <stdlib.h>

static long ft_rec_key(const struct ft_rec *r)
{
   if (r->a == 0 && r->b == 0 && r->c == 0 && r->d == 0)
      return 0;
   if (r->b != (uint32_t)r->a * 3u || r->c != ~(uint32_t)r->a || r->d != (double)r->a * 0.5)
      return -1;
   return (long)r->a;
}

static long ft_str_key(char *const *s)
{
   char tmp[48];
   char *end;
   long k;
   if (*s == NULL || *s == FT_DEAD_STR || (*s)[0] != 's')
      return -1;
   k = strtol(*s + 1, &end, 10);
   snprintf(tmp, sizeof tmp, "s%ld.%.*s", k, (int)(k % 23), "abcdefghijklmnopqrstuvwxyz");
   return strcmp(tmp, *s) == 0 ? k : -1;
}

static long ft_obj_key(const struct ft_obj *o)
{
   char tmp[32];
   if (o->id == 0 || o->name == NULL)
      return -1;
   snprintf(tmp, sizeof tmp, "obj-%ld", (long)o->key);
   return strcmp(tmp, o->name) == 0 ? (long)o->key : -1;
}

#define FT_N ft_u32
#define FT_T uint32_t
#define FT_MANAGED 0
#define FT_MK(i) ((uint32_t)(i))
#define FT_KEY(p) ((long)*(p))
#define FT_DISPOSE(p) ((void)(p))
#include "ft_type.inc"

#define FT_N ft_rec
#define FT_T struct ft_rec
#define FT_MANAGED 0
#define FT_MK(i) ft_rec_make(i)
#define FT_KEY(p) ft_rec_key(p)
#define FT_DISPOSE(p) ((void)(p))
#include "ft_type.inc"

#define FT_N ft_str
#define FT_T char *
#define FT_CT char *const
#define FT_MANAGED 1
#define FT_MK(i) ft_str_make(i)
#define FT_KEY(p) ft_str_key(p)
#define FT_DISPOSE(p) ft_str_drop(p)
#include "ft_type.inc"

#define FT_N ft_obj
#define FT_T struct ft_obj
#define FT_MANAGED 1
#define FT_MK(i) ft_obj_make(i)
#define FT_KEY(p) ft_obj_key(p)
#define FT_DISPOSE(p) ft_obj_drop(p)
#include "ft_type.inc"
