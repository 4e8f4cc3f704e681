/* Shared harness for the C and C++ drivers: the data generator (fixed-seed
 * xorshift64, implemented identically in drv_rust.rs), the checksums, the
 * timer and the command line.  Every driver is called as
 *     drv CASE TYPE N [SAMPLES]
 * and prints "ns_per_elem checksum" (for CASE mem: "bytes_per_vector checksum").
 * Exit 2: case/type not implemented by this driver; 3: usage; 1: failure. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <malloc.h>
#include <unistd.h>
#include "bench_types.h"

#define SEED_DATA 0x9E3779B97F4A7C15ull
#define SEED_IDX  0xD1B54A32D192ED03ull

static inline uint64_t xs64(uint64_t x) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; }
typedef struct { uint64_t s; } rng_t;
static inline uint64_t rng_next(rng_t *r) { return r->s = xs64(r->s); }

enum { PAT_RANDOM, PAT_SORTED, PAT_REVERSED, PAT_FEW };
enum { TY_U32, TY_U64, TY_REC, TY_STR };
enum { C_PUSH_GROW, C_PUSH_RESERVE, C_PUSH_UNCHECKED, C_ITERATE, C_EXTEND, C_GET,
       C_CLONE, C_SORT_RANDOM, C_SORT_SORTED, C_SORT_REVERSED, C_SORT_FEW, C_FIND,
       C_MEM, C_COUNT };
static const char *const case_names[C_COUNT] = {
    "push_grow", "push_reserve", "push_unchecked", "iterate", "extend", "get",
    "clone", "sort_random", "sort_sorted", "sort_reversed", "sort_few", "find", "mem" };
static const char *const type_names[4] = { "u32", "u64", "rec", "str" };

static void die(const char *what) { fprintf(stderr, "bench: %s\n", what); exit(1); }

static void *xmalloc(size_t n) { void *p = malloc(n ? n : 1); if (!p) die("out of memory"); return p; }

/* Input arrays start at a per-process random offset (a multiple of the
 * element size, below 4 KiB) inside a padded block, so the distance between
 * the input and the vector's buffer differs from process to process: no
 * implementation is stuck with (or spared) 4K aliasing between its loads and
 * stores.  drv_rust.rs does the same. */
static uint64_t g_shift_seed;
static void *data_alloc(size_t n, size_t elem)
{
    size_t k = elem >= 4096 ? 0 : (size_t)(g_shift_seed % (4096 / elem));
    char *base = (char *)xmalloc((n + k) * elem + 16);
    char *p = base + 16 + k * elem;
    memcpy(p - sizeof base, &base, sizeof base);
    return p;
}
static void data_free(void *p)
{
    char *base;
    if (!p) return;
    memcpy(&base, (char *)p - sizeof base, sizeof base);
    free(base);
}

/* ---- data: keys by pattern; random: next(); few: next() % 16; sorted: i;
 * reversed: n-1-i.  rec: key as above, then a = next(), b = next(). ---- */
static uint32_t *gen_u32(int pat, size_t n)
{
    uint32_t *p = (uint32_t *)data_alloc(n, sizeof *p);
    rng_t r = { SEED_DATA };
    for (size_t i = 0; i < n; i++)
        switch (pat) {
        case PAT_RANDOM: p[i] = (uint32_t)(rng_next(&r) >> 32); break;
        case PAT_SORTED: p[i] = (uint32_t)i; break;
        case PAT_REVERSED: p[i] = (uint32_t)(n - 1 - i); break;
        default: p[i] = (uint32_t)(rng_next(&r) % 16); break;
        }
    return p;
}
static uint64_t *gen_u64(int pat, size_t n)
{
    uint64_t *p = (uint64_t *)data_alloc(n, sizeof *p);
    rng_t r = { SEED_DATA };
    for (size_t i = 0; i < n; i++)
        switch (pat) {
        case PAT_RANDOM: p[i] = rng_next(&r); break;
        case PAT_SORTED: p[i] = i; break;
        case PAT_REVERSED: p[i] = n - 1 - i; break;
        default: p[i] = rng_next(&r) % 16; break;
        }
    return p;
}
static struct rec *gen_rec(int pat, size_t n)
{
    struct rec *p = (struct rec *)data_alloc(n, sizeof *p);
    rng_t r = { SEED_DATA };
    for (size_t i = 0; i < n; i++) {
        switch (pat) {
        case PAT_RANDOM: p[i].key = rng_next(&r); break;
        case PAT_SORTED: p[i].key = i; break;
        case PAT_REVERSED: p[i].key = n - 1 - i; break;
        default: p[i].key = rng_next(&r) % 16; break;
        }
        p[i].a = rng_next(&r);
        p[i].b = rng_next(&r);
    }
    return p;
}
/* string i: x = next(); sorted/reversed: a 10-digit decimal prefix of i or
 * n-1-i; few: seed = x % 16 + 1, else seed = x; total length 16 + seed % 32;
 * the rest are letters 'a' + ((y >> 5*(j%12)) & 31) % 26, y = xs64(y) every
 * 12 letters starting from y = seed.  Writes at most 48 bytes with the NUL. */
static size_t gen_str_into(char *buf, int pat, size_t i, size_t n, rng_t *r)
{
    uint64_t x = rng_next(r), seed = pat == PAT_FEW ? x % 16 + 1 : x;
    size_t len = 16 + (size_t)(seed % 32), k = 0;
    if (pat == PAT_SORTED || pat == PAT_REVERSED) {
        uint64_t d = pat == PAT_SORTED ? i : n - 1 - i;
        for (int j = 9; j >= 0; j--) { buf[j] = (char)('0' + d % 10); d /= 10; }
        k = 10;
    }
    uint64_t y = seed;
    for (size_t j = 0; k < len; j++, k++) {
        if (j % 12 == 0) y = xs64(y);
        buf[k] = (char)('a' + ((y >> (5 * (j % 12))) & 31) % 26);
    }
    buf[len] = 0;
    return len;
}
static char **gen_str(int pat, size_t n)
{
    char **p = (char **)data_alloc(n, sizeof *p);
    rng_t r = { SEED_DATA };
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        size_t l = gen_str_into(buf, pat, i, n, &r);
        p[i] = (char *)xmalloc(l + 1);
        memcpy(p[i], buf, l + 1);
    }
    return p;
}
static void free_strs(char **p, size_t n) { for (size_t i = 0; i < n; i++) free(p[i]); data_free(p); }
/* random-access indices: idx[i] = next() % n from the second seed */
static uint32_t *gen_idx(size_t n)
{
    uint32_t *p = (uint32_t *)data_alloc(n, sizeof *p);
    rng_t r = { SEED_IDX };
    for (size_t i = 0; i < n; i++) p[i] = (uint32_t)(rng_next(&r) % n);
    return p;
}

/* ---- checksums (wrapping u64): POD sum (i+1)*v[i]; rec sum (i+1)*key + (a^b)
 * (order of equal keys does not matter); str sum (i+1)*h(s),
 * h = len*1000003 + s[0]*131 + s[len-1] ---- */
static uint64_t csum_u32(const uint32_t *p, size_t n)
{ uint64_t s = 0; for (size_t i = 0; i < n; i++) s += (i + 1) * (uint64_t)p[i]; return s; }
static uint64_t csum_u64(const uint64_t *p, size_t n)
{ uint64_t s = 0; for (size_t i = 0; i < n; i++) s += (i + 1) * p[i]; return s; }
static uint64_t csum_rec(const struct rec *p, size_t n)
{ uint64_t s = 0; for (size_t i = 0; i < n; i++) s += (i + 1) * p[i].key + (p[i].a ^ p[i].b); return s; }
static inline uint64_t str_h(const char *s)
{ size_t l = strlen(s); return l * 1000003u + (uint64_t)(unsigned char)s[0] * 131u + (unsigned char)s[l - 1]; }
static uint64_t csum_str(char *const *p, size_t n)
{ uint64_t s = 0; for (size_t i = 0; i < n; i++) s += (i + 1) * str_h(p[i]); return s; }

/* values summed by iterate (native width for u32/u64) and keys for get/find */
#define SUMV_u32(e) (e)
#define SUMV_u64(e) (e)
#define SUMV_rec(e) ((e).key + (e).a + (e).b)
typedef uint32_t ACC_u32;
typedef uint64_t ACC_u64;
typedef uint64_t ACC_rec;
#define KEY_u32(e) (e)
#define KEY_u64(e) (e)
#define KEY_rec(e) ((e).key)

/* ---- timing ----
 * The clock is the thread's CPU time, not wall time: on a machine shared with
 * other jobs, the time the benchmark spends preempted does not count (time
 * the hypervisor steals from the virtual CPU still does).  Reading it is a
 * system call here (about 1 us), so each timed region subtracts the cost of
 * one reading, g_clock_cost, measured at start-up. */
static double g_clock_cost;
static inline double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}
static void calibrate_clock(void)
{
    double best = 1e300;
    for (int i = 0; i < 64; i++) {
        double a = now_ns(), b = now_ns();
        if (b - a < best) best = b - a;
    }
    g_clock_cost = best;
}
/* keep a value/pointer alive and make the compiler assume memory changed */
static inline void escape(const void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

/* A sample repeats the operation K times, K*n >= 2^18 elements (2^14 for
 * strings); the process reports its fastest sample.  Samples: 5 up to 100K,
 * 3 up to 1M, 1 above (the runner passes its own count as the 4th argument). */
static int g_samples;
static size_t plan_reps(size_t n) { return n >= (1u << 18) ? 1 : (size_t)(1u << 18) / n; }
static size_t plan_reps_str(size_t n) { return n >= (1u << 14) ? 1 : (size_t)(1u << 14) / n; }
static int plan_samples(size_t n) { return n <= 100000 ? 5 : n <= 1000000 ? 3 : 1; }

typedef struct { int c, ty; size_t n; } args_t;
static args_t parse_args(int argc, char **argv)
{
    args_t a = { -1, -1, 0 };
    if (argc < 4) { fprintf(stderr, "usage: %s CASE TYPE N [SAMPLES]\n", argv[0]); exit(3); }
    for (int i = 0; i < C_COUNT; i++) if (!strcmp(argv[1], case_names[i])) a.c = i;
    for (int i = 0; i < 4; i++) if (!strcmp(argv[2], type_names[i])) a.ty = i;
    a.n = strtoull(argv[3], NULL, 10);
    if (a.c < 0 || a.ty < 0 || a.n == 0 || a.n > 4000000000u) { fprintf(stderr, "bad arguments\n"); exit(3); }
    g_samples = argc > 4 ? atoi(argv[4]) : plan_samples(a.n);
    calibrate_clock();
    {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        g_shift_seed = xs64(((uint64_t)getpid() << 32) ^ (uint64_t)ts.tv_nsec ^ 0x2545F4914F6CDD1Dull);
    }
    if (g_samples < 1) g_samples = 1;
    return a;
}
/* ns < 0: the case printed its own line (mem) */
static void report(double ns, uint64_t ck) { if (ns >= 0) printf("%.4f %llu\n", ns, (unsigned long long)ck); }
static void not_implemented(void) { printf("NA 0\n"); exit(2); }

/* heap bytes in use (glibc): arena chunks + mmapped chunks */
static size_t heap_in_use(void) { struct mallinfo2 m = mallinfo2(); return m.uordblks + m.hblkhd; }

#endif
