// std::vector counterpart of cg_vv32.c.
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <vector>

#define NOI __attribute__((noipa))
extern "C" {
NOI void cg_push_loop(std::vector<uint32_t> *v, const uint32_t *src, uint32_t n) { for (uint32_t i = 0; i < n; i++) v->push_back(src[i]); }
NOI void cg_grow_first(std::vector<uint32_t> *v, uint32_t x) { v->push_back(x ^ 1u); }
NOI void cg_grow_1k(std::vector<uint32_t> *v, uint32_t x) { v->push_back(x ^ 2u); }
NOI void cg_grow_1m(std::vector<uint32_t> *v, uint32_t x) { v->push_back(x ^ 3u); }
NOI void cg_grow_all_1m(std::vector<uint32_t> *v, const uint32_t *src, uint32_t n) { for (uint32_t i = 0; i < n; i++) v->push_back(src[i]); }
}
static void fill_to_cap(std::vector<uint32_t> *v, size_t atleast)
{ while (v->size() < atleast || v->size() < v->capacity()) v->push_back((uint32_t)v->size()); }

int main()
{
    uint32_t n = 1000000;
    std::vector<uint32_t> src(n);
    for (uint32_t i = 0; i < n; i++) src[i] = i * 2654435761u;
    {
        std::vector<uint32_t> v;
        v.reserve(1000);
        cg_push_loop(&v, src.data(), 1000);
    }
    free(malloc(16));   // malloc's first-call setup, outside the counts
    std::vector<uint32_t> w;
    cg_grow_first(&w, 1);
    size_t c0 = w.capacity();
    fill_to_cap(&w, 1000);
    size_t c1 = w.capacity();
    cg_grow_1k(&w, 1);
    size_t c2 = w.capacity();
    fill_to_cap(&w, 1000000);
    size_t c3 = w.capacity();
    cg_grow_1m(&w, 1);
    size_t c4 = w.capacity();
    std::vector<uint32_t> u;
    cg_grow_all_1m(&u, src.data(), n);
    printf("caps first %zu, 1k %zu -> %zu, 1m %zu -> %zu\n", c0, c1, c2, c3, c4);
    return 0;
}
