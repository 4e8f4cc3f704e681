/* Element hooks of tests/fault/types.lua: they count live values and detect
   double drops; clones can be made to fail on demand. */
#include "ft_hooks.h"
#include "ft_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long ft_clone_countdown;
unsigned long ft_clone_calls;
unsigned long ft_drop_calls;
long ft_live_values;
unsigned long ft_double_drops;

static struct ft_set live_strs_;   /* live string pointers */
static struct ft_set live_ids_;    /* live ft_obj ids */
static uint64_t next_id_;

static bool clone_fails_(void)
{
   return ft_clone_countdown > 0 && --ft_clone_countdown == 0;
}

struct ft_rec ft_rec_make(int i)
{
   struct ft_rec r;
   memset(&r, 0, sizeof r);
   r.a = (uint64_t)i;
   r.b = (uint32_t)i * 3u;
   r.c = ~(uint32_t)i;
   r.d = i * 0.5;
   return r;
}

struct ft_empty ft_empty_make(int i)
{
   static const struct ft_empty none;
   (void)i;
   return none;
}

/* ---- strings ---- */

static char *str_new_(const char *s)
{
   size_t n = strlen(s) + 1;
   char *d = (char *)malloc(n);
   if (d == NULL)
      return NULL;
   memcpy(d, s, n);
   ft_set_insert(&live_strs_, (uint64_t)(uintptr_t)d);
   ft_live_values++;
   return d;
}

char *ft_str_make(int i)
{
   char tmp[48];
   char *s;
   snprintf(tmp, sizeof tmp, "s%d.%.*s", i, i % 23, "abcdefghijklmnopqrstuvwxyz");
   s = str_new_(tmp);
   if (s == NULL)
      abort();
   return s;
}

int ft_str_clone(char **dst, char *const *src)
{
   char *d;
   if (!ft_set_has(&live_strs_, (uint64_t)(uintptr_t)*src)) {
      fprintf(stderr, "ft_str_clone: source %p is not a live string\n", (void *)*src);
      ft_double_drops++;
      return 1;
   }
   if (clone_fails_())
      return 1;
   if ((d = str_new_(*src)) == NULL)
      return 1;
   *dst = d;
   ft_clone_calls++;
   return 0;
}

void ft_str_drop(char **s)
{
   ft_drop_calls++;
   if (!ft_set_remove(&live_strs_, (uint64_t)(uintptr_t)*s)) {
      fprintf(stderr, "ft_str_drop: %p is not a live string (double drop?)\n", (void *)*s);
      ft_double_drops++;
      return;
   }
   ft_live_values--;
   free(*s);
   *s = FT_DEAD_STR;
}

/* ---- objects ---- */

static uint32_t obj_check_(int32_t key, uint64_t id) { return (uint32_t)key * 2654435761u ^ (uint32_t)id; }

static int obj_new_(struct ft_obj *o, int32_t key)
{
   char tmp[32];
   size_t n;
   snprintf(tmp, sizeof tmp, "obj-%ld", (long)key);
   n = strlen(tmp) + 1;
   if ((o->name = (char *)malloc(n)) == NULL)
      return 1;
   memcpy(o->name, tmp, n);
   o->id = ++next_id_;
   o->key = key;
   o->check = obj_check_(key, o->id);
   ft_set_insert(&live_ids_, o->id);
   ft_live_values++;
   return 0;
}

struct ft_obj ft_obj_make(int i)
{
   struct ft_obj o;
   memset(&o, 0, sizeof o);
   if (obj_new_(&o, i) != 0)
      abort();
   return o;
}

int ft_obj_clone(struct ft_obj *dst, const struct ft_obj *src)
{
   if (!ft_set_has(&live_ids_, src->id) || src->check != obj_check_(src->key, src->id)) {
      fprintf(stderr, "ft_obj_clone: source id %llu is not a live object\n",
              (unsigned long long)src->id);
      ft_double_drops++;
      return 1;
   }
   if (clone_fails_())
      return 1;
   if (obj_new_(dst, src->key) != 0)
      return 1;
   ft_clone_calls++;
   return 0;
}

void ft_obj_drop(struct ft_obj *o)
{
   ft_drop_calls++;
   if (o->id == 0 || !ft_set_remove(&live_ids_, o->id)) {
      fprintf(stderr, "ft_obj_drop: id %llu is not a live object (double drop?)\n",
              (unsigned long long)o->id);
      ft_double_drops++;
      return;
   }
   ft_live_values--;
   free(o->name);
   o->id = 0;
   o->name = NULL;
}

bool ft_obj_eq(const struct ft_obj *a, const struct ft_obj *b)
{
   return a->key == b->key;
}

bool ft_all_clear(const char *where)
{
   bool ok = ft_live_blocks == 0 && ft_live_values == 0 && ft_double_drops == 0 &&
             ft_bad_frees == 0 && ft_zero_requests == 0;
   if (!ok)
      fprintf(stderr, "%s: %ld live blocks, %ld live values, %lu double drops, "
              "%lu bad frees, %lu zero-byte requests\n", where, ft_live_blocks,
              ft_live_values, ft_double_drops, ft_bad_frees, ft_zero_requests);
   ft_double_drops = ft_bad_frees = ft_zero_requests = 0;
   ft_fail_countdown = ft_clone_countdown = 0;
   return ok;
}
