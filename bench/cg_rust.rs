// Rust Vec counterpart of cg_vv32.c.
use std::hint::black_box;

#[no_mangle]
#[inline(never)]
pub fn cg_push_loop(v: &mut Vec<u32>, src: &[u32]) {
    for &x in src {
        v.push(x);
    }
}
#[no_mangle]
#[inline(never)]
pub fn cg_grow_first(v: &mut Vec<u32>, x: u32) { v.push(x ^ 1); }
#[no_mangle]
#[inline(never)]
pub fn cg_grow_1k(v: &mut Vec<u32>, x: u32) { v.push(x ^ 2); }
#[no_mangle]
#[inline(never)]
pub fn cg_grow_1m(v: &mut Vec<u32>, x: u32) { v.push(x ^ 3); }
#[no_mangle]
#[inline(never)]
pub fn cg_grow_all_1m(v: &mut Vec<u32>, src: &[u32], n: usize) {
    for &x in &src[..n] {
        v.push(x);
    }
}

fn fill_to_cap(v: &mut Vec<u32>, atleast: usize) {
    while v.len() < atleast || v.len() < v.capacity() {
        let l = v.len() as u32;
        v.push(l);
    }
}

fn main() {
    let n = 1000000usize;
    let src: Vec<u32> = (0..n as u32).map(|i| i.wrapping_mul(2654435761)).collect();
    let mut v: Vec<u32> = Vec::with_capacity(1000);
    cg_push_loop(&mut v, black_box(&src[..1000]));
    drop(v);
    drop(black_box(Vec::<u64>::with_capacity(2))); // malloc's first-call setup, outside the counts
    let mut w: Vec<u32> = Vec::new();
    cg_grow_first(&mut w, 1);
    let c0 = w.capacity();
    fill_to_cap(&mut w, 1000);
    let c1 = w.capacity();
    cg_grow_1k(&mut w, 1);
    let c2 = w.capacity();
    fill_to_cap(&mut w, 1000000);
    let c3 = w.capacity();
    cg_grow_1m(&mut w, 1);
    let c4 = w.capacity();
    let mut u: Vec<u32> = Vec::new();
    cg_grow_all_1m(&mut u, black_box(&src[..]), black_box(n));
    println!("caps first {}, 1k {} -> {}, 1m {} -> {}", c0, c1, c2, c3, c4);
    black_box(&u);
}
