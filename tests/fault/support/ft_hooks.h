/* tests/fault/support: a failing, counting allocator and element hooks that
   count live values and detect double drops, for tests/fault/types.lua. */
#ifndef FT_HOOKS_H
#define FT_HOOKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the allocator (ft_alloc.c) ------------------------------------------
   Blocks are handed out with glibc-like slack: usable = max(24, round16(n+8)-8).
   realloc always moves the block (the old one is poisoned, then freed), so a
   stale pointer is caught. Requests above ft_alloc_limit bytes fail. */
void *ft_realloc(void *p, size_t n);
void ft_free(void *p);
size_t ft_usable_size(void *p);

extern long ft_fail_countdown;        /* > 0: the ft_realloc call that brings it
                                         to 0 fails (1 = the next one) */
extern size_t ft_alloc_limit;         /* bigger requests fail (default 64 MiB) */
extern unsigned long ft_alloc_calls;  /* ft_realloc calls */
extern unsigned long ft_alloc_failed; /* of which failed (injected or refused) */
extern size_t ft_last_request;        /* n of the last ft_realloc call */
extern long ft_live_blocks;           /* blocks handed out and not yet freed */
extern unsigned long ft_bad_frees;    /* free/realloc/usable_size of a pointer
                                         that is not a live block */
extern unsigned long ft_zero_requests;/* ft_realloc(p, 0) calls */
extern unsigned long ft_fresh_calls;  /* ft_realloc(NULL, n) calls: new blocks */

/* ---- element hooks (ft_hooks.c) ----------------------------------------- */
extern long ft_clone_countdown;       /* > 0: the clone call that brings it to
                                         0 fails, making nothing */
extern unsigned long ft_clone_calls;  /* successful clones */
extern unsigned long ft_drop_calls;
extern long ft_live_values;           /* managed values alive (made or cloned,
                                         not yet dropped) */
extern unsigned long ft_double_drops; /* drops of a value that is not alive */

/* POD: uint32_t. */
static inline int ft_u32_cmp(const uint32_t *a, const uint32_t *b)
{
   return (*a > *b) - (*a < *b);
}

/* POD: a 24-byte struct. */
struct ft_rec { uint64_t a; uint32_t b; uint32_t c; double d; };
static inline int ft_rec_cmp(const struct ft_rec *x, const struct ft_rec *y)
{
   return (x->a > y->a) - (x->a < y->a);
}
struct ft_rec ft_rec_make(int i);

/* Managed: an owned string "s<i>.<padding>". A dropped slot is set to
   FT_DEAD_STR. */
#define FT_DEAD_STR ((char *)(uintptr_t)0x10)
int ft_str_clone(char **dst, char *const *src);
void ft_str_drop(char **s);
char *ft_str_make(int i);
static inline int ft_str_cmp(char *const *a, char *const *b)
{
   return strcmp(*a, *b);
}

/* Managed: a struct with a unique id (one per value, clones get new ones)
   and an owned name buffer. A dropped slot gets id 0. */
struct ft_obj { uint64_t id; char *name; int32_t key; uint32_t check; };
int ft_obj_clone(struct ft_obj *dst, const struct ft_obj *src);
void ft_obj_drop(struct ft_obj *o);
struct ft_obj ft_obj_make(int i);
bool ft_obj_eq(const struct ft_obj *a, const struct ft_obj *b);

/* Zero-sized (GNU C). */
__extension__ struct ft_empty {};
struct ft_empty ft_empty_make(int i);

/* 1 MiB and (on 64-bit) 4 GiB + 8 bytes. */
struct ft_big { unsigned char b[1u << 20]; };
#if SIZE_MAX > 0xFFFFFFFFu
struct ft_giant { unsigned char b[(1ull << 32) + 8]; };
#else
struct ft_giant { unsigned char b[(1u << 30) + 8]; };
#endif
struct ft_big ft_big_make(int i);       /* declared for test.sample only */
struct ft_giant ft_giant_make(int i);   /* declared for test.sample only */

/* Clears every counter; false (with a message on stderr) if something is
   still alive or a double drop / bad free was seen since the last call. */
bool ft_all_clear(const char *where);

#ifdef __cplusplus
}
#endif

#endif
