/* tests/fault: the states, operations and fault modes of ft_type.inc. */
#ifndef FT_OPS_H
#define FT_OPS_H

#include "ft_test.h"
#include "valvec32_common.h"

#define FT_MAXK 2048          /* the most elements a run's vector holds */
#define FT_MAXFAULTS (FT_MAXK + 8)  /* no operation may need more attempts */

static bool ft_verbose;

enum { ST_EMPTY, ST_EMPTY_CAP, ST_MID, ST_FULL, ST_MID_LARGE, ST_FULL_LARGE, ST_COUNT };
static const char *const ft_state_names[ST_COUNT] = {
   "empty", "empty with capacity 10", "mid-size (5 of >=12)", "full to capacity (>=6)",
   "mid-size (100 of >=200)", "full to capacity (>=100)",
};

enum { MODE_FT_ALLOC, MODE_VV_ALLOC, MODE_FT_CLONE, MODE_VV_CLONE };
static const char *const ft_mode_names[] = {
   "k-th allocation fails in the allocator hook",
   "k-th allocation fails by vv32_fault_alloc_countdown",
   "k-th clone fails in the clone hook",
   "k-th clone fails by vv32_fault_clone_countdown",
};

enum { FT_AUX_NONE, FT_AUX_APPEND /* aux: append's source */,
       FT_AUX_OUT /* aux: clone's / with_capacity's uninitialised output */ };

enum {
   OP_PUSH, OP_PUSH_CLONE_EXT, OP_PUSH_CLONE_SELF_FIRST, OP_PUSH_CLONE_SELF_LAST, OP_EMPLACE,
   OP_INSERT_0, OP_INSERT_MID, OP_INSERT_END,
   OP_INSERT_N_0, OP_INSERT_N_MID, OP_INSERT_N_END, OP_INSERT_N_BIG,
   OP_INSERT_N_SELF_ALL, OP_INSERT_N_SELF_TAIL, OP_INSERT_N_SELF_STRADDLE,
   OP_RESERVE_1, OP_RESERVE_GROW, OP_RESERVE_1000,
   OP_RESERVE_EXACT_1, OP_RESERVE_EXACT_GROW, OP_RESERVE_EXACT_1000,
   OP_SHRINK, OP_RESIZE_1, OP_RESIZE_GROW, OP_RESIZE_SELF, OP_RESIZE_ZERO,
   OP_EXTEND_3, OP_EXTEND_BIG, OP_EXTEND_SELF, OP_APPEND_3, OP_APPEND_BIG,
   OP_CLONE, OP_WITH_CAP_0, OP_WITH_CAP_1, OP_WITH_CAP_100,
   OP_COUNT
};

struct ft_op {
   const char *name;
   int aux;             /* FT_AUX_* */
   bool self;           /* the source points into the vector: needs len > 0 */
   bool clones;         /* copies elements: part of the clone-failure runs */
   bool managed_only, pod_only;
};

static const struct ft_op ft_ops[OP_COUNT] = {
   [OP_PUSH] = { "push", 0, 0, 0, 0, 0 },
   [OP_PUSH_CLONE_EXT] = { "push_clone(ext)", 0, 0, 1, 0, 0 },
   [OP_PUSH_CLONE_SELF_FIRST] = { "push_clone(&data[0])", 0, 1, 1, 0, 0 },
   [OP_PUSH_CLONE_SELF_LAST] = { "push_clone(&data[len-1])", 0, 1, 1, 0, 0 },
   [OP_EMPLACE] = { "emplace", 0, 0, 0, 0, 0 },
   [OP_INSERT_0] = { "insert(0)", 0, 0, 0, 0, 0 },
   [OP_INSERT_MID] = { "insert(len/2)", 0, 0, 0, 0, 0 },
   [OP_INSERT_END] = { "insert(len)", 0, 0, 0, 0, 0 },
   [OP_INSERT_N_0] = { "insert_n(0, ext, 3)", 0, 0, 1, 0, 0 },
   [OP_INSERT_N_MID] = { "insert_n(len/2, ext, 3)", 0, 0, 1, 0, 0 },
   [OP_INSERT_N_END] = { "insert_n(len, ext, 3)", 0, 0, 1, 0, 0 },
   [OP_INSERT_N_BIG] = { "insert_n(len/2, ext, cap+5)", 0, 0, 1, 0, 0 },
   [OP_INSERT_N_SELF_ALL] = { "insert_n(len/2, data, len)", 0, 1, 1, 0, 0 },
   [OP_INSERT_N_SELF_TAIL] = { "insert_n(0, data+len/2, ..)", 0, 1, 1, 0, 0 },
   [OP_INSERT_N_SELF_STRADDLE] = { "insert_n(len/2+1, data+1, len-1)", 0, 1, 1, 0, 0 },
   [OP_RESERVE_1] = { "reserve(1)", 0, 0, 0, 0, 0 },
   [OP_RESERVE_GROW] = { "reserve(cap-len+1)", 0, 0, 0, 0, 0 },
   [OP_RESERVE_1000] = { "reserve(1000)", 0, 0, 0, 0, 0 },
   [OP_RESERVE_EXACT_1] = { "reserve_exact(1)", 0, 0, 0, 0, 0 },
   [OP_RESERVE_EXACT_GROW] = { "reserve_exact(cap-len+1)", 0, 0, 0, 0, 0 },
   [OP_RESERVE_EXACT_1000] = { "reserve_exact(1000)", 0, 0, 0, 0, 0 },
   [OP_SHRINK] = { "shrink_to_fit", 0, 0, 0, 0, 0 },
   [OP_RESIZE_1] = { "resize(len+1, ext)", 0, 0, 1, 0, 0 },
   [OP_RESIZE_GROW] = { "resize(max(cap+1,len+40), ext)", 0, 0, 1, 0, 0 },
   [OP_RESIZE_SELF] = { "resize(cap+3, &data[0])", 0, 1, 1, 0, 0 },
   [OP_RESIZE_ZERO] = { "resize(cap+2, NULL)", 0, 0, 0, 0, 1 },
   [OP_EXTEND_3] = { "extend(ext, 3)", 0, 0, 1, 0, 0 },
   [OP_EXTEND_BIG] = { "extend(ext, cap+7)", 0, 0, 1, 0, 0 },
   [OP_EXTEND_SELF] = { "extend(data, len)", 0, 1, 1, 0, 0 },
   [OP_APPEND_3] = { "append(3)", FT_AUX_APPEND, 0, 0, 0, 0 },
   [OP_APPEND_BIG] = { "append(cap+9)", FT_AUX_APPEND, 0, 0, 0, 0 },
   [OP_CLONE] = { "clone", FT_AUX_OUT, 0, 1, 0, 0 },
   [OP_WITH_CAP_0] = { "with_capacity(0)", FT_AUX_OUT, 0, 0, 0, 0 },
   [OP_WITH_CAP_1] = { "with_capacity(1)", FT_AUX_OUT, 0, 0, 0, 0 },
   [OP_WITH_CAP_100] = { "with_capacity(100)", FT_AUX_OUT, 0, 0, 0, 0 },
};

#endif
