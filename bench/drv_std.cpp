// std::vector driver (g++ -O2): push_back, reserve, insert, copy, std::sort,
// std::find; the owned string is std::string (strings are 16..47 bytes, past
// libstdc++'s 15-byte small-string buffer, so every one owns a heap block).
#include <vector>
#include <string>
#include <algorithm>
#include "bench_common.h"

template <class T> struct Tr;
template <> struct Tr<uint32_t> {
    typedef uint32_t Acc;
    static uint32_t *gen(int p, size_t n) { return gen_u32(p, n); }
    static uint64_t csum(const uint32_t *p, size_t n) { return csum_u32(p, n); }
    static Acc sumv(uint32_t e) { return e; }
    static uint64_t key(uint32_t e) { return e; }
};
template <> struct Tr<uint64_t> {
    typedef uint64_t Acc;
    static uint64_t *gen(int p, size_t n) { return gen_u64(p, n); }
    static uint64_t csum(const uint64_t *p, size_t n) { return csum_u64(p, n); }
    static Acc sumv(uint64_t e) { return e; }
    static uint64_t key(uint64_t e) { return e; }
};
template <> struct Tr<rec> {
    typedef uint64_t Acc;
    static rec *gen(int p, size_t n) { return gen_rec(p, n); }
    static uint64_t csum(const rec *p, size_t n) { return csum_rec(p, n); }
    static Acc sumv(const rec &e) { return e.key + e.a + e.b; }
    static uint64_t key(const rec &e) { return e.key; }
};
static inline bool operator<(const rec &a, const rec &b) { return a.key < b.key; }
static inline bool operator==(const rec &a, const rec &b) { return a.key == b.key; }

static inline void use(uint64_t x) { __asm__ volatile("" : : "r"(x)); }

// create cases: one vector at a time, create + destroy timed (see cases_pod.inc)
template <class T, class F>
static double create_case(size_t n, uint64_t *ck, F body)
{
    T *src = Tr<T>::gen(PAT_RANDOM, n);
    size_t K = plan_reps(n);
    std::vector<T> w(src, src + n);
    escape(&w);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double paused = 0, t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            std::vector<T> v = body(src, n, w);
            escape(&v);
            if (r == K - 1) {
                double p0 = now_ns();
                *ck = Tr<T>::csum(v.data(), v.size());
                paused += now_ns() - p0 + g_clock_cost;
            }
        }
        double dt = now_ns() - t0 - paused - g_clock_cost;
        if (dt < best) best = dt;
    }
    data_free(src);
    return best / ((double)K * (double)n);
}

template <class T>
static double iterate_case(size_t n, uint64_t *ck)
{
    T *src = Tr<T>::gen(PAT_RANDOM, n);
    size_t K = plan_reps(n);
    std::vector<T> v(src, src + n);
    escape(&v);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            typename Tr<T>::Acc sum = 0;
            for (const T &e : v) sum += Tr<T>::sumv(e);
            use((uint64_t)sum);
            *ck = (uint64_t)sum;
            escape(&v);
        }
        double dt = now_ns() - t0 - g_clock_cost;
        if (dt < best) best = dt;
    }
    data_free(src);
    return best / ((double)K * (double)n);
}

template <class T>
static double get_case(size_t n, uint64_t *ck)
{
    T *src = Tr<T>::gen(PAT_RANDOM, n);
    uint32_t *idx = gen_idx(n);
    size_t K = plan_reps(n);
    std::vector<T> v(src, src + n);
    escape(&v);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            uint64_t sum = 0;
            for (size_t i = 0; i < n; i++) sum += Tr<T>::key(v[idx[i]]);
            use(sum);
            *ck = sum;
            escape(&v);
        }
        double dt = now_ns() - t0 - g_clock_cost;
        if (dt < best) best = dt;
    }
    data_free(src); data_free(idx);
    return best / ((double)K * (double)n);
}

template <class T>
static double sort_case(int pat, size_t n, uint64_t *ck)
{
    size_t K = plan_reps(n);
    T *src = Tr<T>::gen(pat, K * n);    // a slice of its own per vector
    std::vector<std::vector<T>> vs(K);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        for (size_t r = 0; r < K; r++) vs[r].assign(src + r * n, src + (r + 1) * n);
        escape(&vs);
        double t0 = now_ns();
        for (size_t r = 0; r < K; r++) std::sort(vs[r].begin(), vs[r].end());
        double dt = now_ns() - t0 - g_clock_cost;
        escape(&vs);
        if (dt < best) best = dt;
        *ck = Tr<T>::csum(vs[K - 1].data(), n);
        for (size_t r = 0; r < K; r++) std::vector<T>().swap(vs[r]);
    }
    data_free(src);
    return best / ((double)K * (double)n);
}

template <class T>
static double find_case(size_t n, uint64_t *ck)
{
    T *src = Tr<T>::gen(PAT_RANDOM, n);
    size_t K = plan_reps(n);
    std::vector<T> v(src, src + n);
    T key = src[n - 1];
    escape(&v);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            size_t at = (size_t)(std::find(v.begin(), v.end(), key) - v.begin());
            use(at);
            *ck = at;
            escape(&v);
            escape(&key);
        }
        double dt = now_ns() - t0 - g_clock_cost;
        if (dt < best) best = dt;
    }
    data_free(src);
    return best / ((double)K * (double)n);
}

template <class T>
static double run_pod(int c, size_t n, uint64_t *ck)
{
    switch (c) {
    case C_PUSH_GROW:
        return create_case<T>(n, ck, [](const T *src, size_t n, const std::vector<T> &) {
            std::vector<T> v;
            for (size_t i = 0; i < n; i++) v.push_back(src[i]);
            return v;
        });
    case C_PUSH_RESERVE:
        return create_case<T>(n, ck, [](const T *src, size_t n, const std::vector<T> &) {
            std::vector<T> v;
            v.reserve(n);
            for (size_t i = 0; i < n; i++) v.push_back(src[i]);
            return v;
        });
    case C_EXTEND:
        return create_case<T>(n, ck, [](const T *src, size_t n, const std::vector<T> &) {
            std::vector<T> v;
            v.insert(v.end(), src, src + n);
            return v;
        });
    case C_CLONE:
        return create_case<T>(n, ck, [](const T *, size_t, const std::vector<T> &w) {
            std::vector<T> v(w);
            return v;
        });
    case C_ITERATE: return iterate_case<T>(n, ck);
    case C_GET: return get_case<T>(n, ck);
    case C_SORT_RANDOM: return sort_case<T>(PAT_RANDOM, n, ck);
    case C_SORT_SORTED: return sort_case<T>(PAT_SORTED, n, ck);
    case C_SORT_REVERSED: return sort_case<T>(PAT_REVERSED, n, ck);
    case C_SORT_FEW: return sort_case<T>(PAT_FEW, n, ck);
    case C_FIND: return find_case<T>(n, ck);
    default: not_implemented(); return 0;
    }
}

/* ---- std::string ---- */
static std::vector<std::string> gen_strings(int pat, size_t n)
{
    char **p = gen_str(pat, n);
    std::vector<std::string> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) v.emplace_back(p[i]);
    free_strs(p, n);
    return v;
}
static uint64_t csum_strings(const std::vector<std::string> &v)
{
    uint64_t s = 0;
    for (size_t i = 0; i < v.size(); i++) s += (i + 1) * str_h(v[i].c_str());
    return s;
}

static double str_push(size_t n, bool reserve, uint64_t *ck)
{
    std::vector<std::string> src = gen_strings(PAT_RANDOM, n);
    size_t K = plan_reps_str(n);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double paused = 0, t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            std::vector<std::string> v;
            if (reserve) v.reserve(n);
            for (size_t i = 0; i < n; i++) v.push_back(std::move(src[i]));
            escape(&v);
            double p0 = now_ns();
            if (r == K - 1) *ck = csum_strings(v);
            for (size_t i = 0; i < n; i++) src[i] = std::move(v[i]);
            v.clear();
            paused += now_ns() - p0 + g_clock_cost;
        }
        double dt = now_ns() - t0 - paused - g_clock_cost;
        if (dt < best) best = dt;
    }
    return best / ((double)K * (double)n);
}

static double str_create(size_t n, bool clone, uint64_t *ck)
{
    std::vector<std::string> src = gen_strings(PAT_RANDOM, n);
    size_t K = plan_reps_str(n);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        double paused = 0, t0 = now_ns();
        for (size_t r = 0; r < K; r++) {
            std::vector<std::string> v;
            if (clone) v = std::vector<std::string>(src);
            else v.insert(v.end(), src.begin(), src.end());
            escape(&v);
            if (r == K - 1) {
                double p0 = now_ns();
                *ck = csum_strings(v);
                paused += now_ns() - p0 + g_clock_cost;
            }
        }
        double dt = now_ns() - t0 - paused - g_clock_cost;
        if (dt < best) best = dt;
    }
    return best / ((double)K * (double)n);
}

static double str_sort(int pat, size_t n, uint64_t *ck)
{
    size_t K = plan_reps_str(n);
    std::vector<std::string> src = gen_strings(pat, K * n);    // a slice of its own per vector
    std::vector<std::vector<std::string>> vs(K);
    double best = 1e300;
    for (int s = 0; s < g_samples; s++) {
        for (size_t r = 0; r < K; r++) vs[r].assign(src.begin() + (long)(r * n), src.begin() + (long)((r + 1) * n));
        escape(&vs);
        double t0 = now_ns();
        for (size_t r = 0; r < K; r++) std::sort(vs[r].begin(), vs[r].end());
        double dt = now_ns() - t0 - g_clock_cost;
        escape(&vs);
        if (dt < best) best = dt;
        *ck = csum_strings(vs[K - 1]);
        for (size_t r = 0; r < K; r++) std::vector<std::string>().swap(vs[r]);
    }
    return best / ((double)K * (double)n);
}

static double run_str(int c, size_t n, uint64_t *ck)
{
    switch (c) {
    case C_PUSH_GROW: return str_push(n, false, ck);
    case C_PUSH_RESERVE: return str_push(n, true, ck);
    case C_EXTEND: return str_create(n, false, ck);
    case C_CLONE: return str_create(n, true, ck);
    case C_SORT_RANDOM: return str_sort(PAT_RANDOM, n, ck);
    case C_SORT_SORTED: return str_sort(PAT_SORTED, n, ck);
    case C_SORT_REVERSED: return str_sort(PAT_REVERSED, n, ck);
    case C_SORT_FEW: return str_sort(PAT_FEW, n, ck);
    default: not_implemented(); return 0;
    }
}

/* memory: see cases_pod.inc mem_case */
static double mem_case(size_t n, uint64_t *ck)
{
    std::vector<std::vector<uint32_t>> vs(n);
    rng_t rg = { SEED_DATA };
    size_t before = heap_in_use();
    for (size_t i = 0; i < n; i++) {
        size_t len = 1 + (size_t)(rng_next(&rg) % 8);
        for (size_t j = 0; j < len; j++) vs[i].push_back((uint32_t)(rng_next(&rg) >> 32));
    }
    size_t after = heap_in_use();
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) c += csum_u32(vs[i].data(), vs[i].size());
    *ck = c;
    printf("%.4f %llu %zu %.4f\n", (double)sizeof(std::vector<uint32_t>) + (double)(after - before) / (double)n,
           (unsigned long long)c, sizeof(std::vector<uint32_t>), (double)(after - before) / (double)n);
    return -1;
}

int main(int argc, char **argv)
{
    args_t a = parse_args(argc, argv);
    uint64_t ck = 0;
    double ns = 0;
    if (a.c == C_MEM) {
        if (a.ty != TY_U32) not_implemented();
        ns = mem_case(a.n, &ck);
    } else if (a.c == C_PUSH_UNCHECKED) {
        not_implemented();
    } else switch (a.ty) {
    case TY_U32: ns = run_pod<uint32_t>(a.c, a.n, &ck); break;
    case TY_U64: ns = run_pod<uint64_t>(a.c, a.n, &ck); break;
    case TY_REC: ns = run_pod<rec>(a.c, a.n, &ck); break;
    default: ns = run_str(a.c, a.n, &ck); break;
    }
    report(ns, ck);
    return 0;
}
