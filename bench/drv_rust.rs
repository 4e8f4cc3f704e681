// Rust Vec driver (rustc -O, no crates): push, with_capacity, extend_from_slice,
// clone, sort_unstable, iter().position(); the owned string is String.
// Same data generator, checksums, timing rules and output as bench_common.h.
use std::hint::black_box;

// The clock is the thread's CPU time (CLOCK_THREAD_CPUTIME_ID, through libc,
// which std links anyway), as in bench_common.h; every timed region
// subtracts the cost of one reading, measured at start-up.
#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}
extern "C" {
    fn clock_gettime(clk: i32, tp: *mut Timespec) -> i32;
}
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
fn cpu_ns() -> f64 {
    let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e9 + t.tv_nsec as f64
}
static mut CLOCK_COST: f64 = 0.0;
fn clock_cost() -> f64 { unsafe { CLOCK_COST } }
fn calibrate_clock() {
    let mut best = f64::MAX;
    for _ in 0..64 {
        let a = cpu_ns();
        let b = cpu_ns();
        if b - a < best { best = b - a; }
    }
    unsafe { CLOCK_COST = best; }
}

const SEED_DATA: u64 = 0x9E3779B97F4A7C15;
const SEED_IDX: u64 = 0xD1B54A32D192ED03;
const PAT_RANDOM: u32 = 0;
const PAT_SORTED: u32 = 1;
const PAT_REVERSED: u32 = 2;
const PAT_FEW: u32 = 3;

#[inline(always)]
fn xs64(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}
struct Rng(u64);
impl Rng {
    #[inline(always)]
    fn next(&mut self) -> u64 {
        self.0 = xs64(self.0);
        self.0
    }
}

// Input arrays start at a per-process random offset (a multiple of the
// element size, below 4 KiB) inside a padded buffer, as in bench_common.h, so
// the distance between the input and the vector's buffer varies by process.
static mut SHIFT_SEED: u64 = 0;
fn shift_elems(elem: usize) -> usize {
    if elem >= 4096 { 0 } else { (unsafe { SHIFT_SEED } % (4096 / elem) as u64) as usize }
}
struct Src<T> {
    buf: Vec<T>,
    k: usize,
}
impl<T> std::ops::Deref for Src<T> {
    type Target = [T];
    fn deref(&self) -> &[T] { &self.buf[self.k..] }
}
fn padded<T, I: Iterator<Item = T>>(n: usize, pad: impl Fn() -> T, it: I) -> Src<T> {
    let k = shift_elems(std::mem::size_of::<T>().max(1));
    let mut buf = Vec::with_capacity(n + k);
    for _ in 0..k {
        buf.push(pad());
    }
    buf.extend(it);
    Src { buf, k }
}

#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Rec {
    key: u64,
    a: u64,
    b: u64,
}

trait Elem: Copy {
    type Acc: Copy;
    fn gen(pat: u32, n: usize) -> Src<Self>;
    fn csum(p: &[Self]) -> u64;
    fn acc0() -> Self::Acc;
    fn add(a: Self::Acc, e: &Self) -> Self::Acc;
    fn acc64(a: Self::Acc) -> u64;
    fn key(&self) -> u64;
    fn sort(v: &mut [Self]);
}

fn key_of(pat: u32, i: usize, n: usize, r: &mut Rng) -> u64 {
    match pat {
        PAT_RANDOM => r.next(),
        PAT_SORTED => i as u64,
        PAT_REVERSED => (n - 1 - i) as u64,
        _ => r.next() % 16,
    }
}

impl Elem for u32 {
    type Acc = u32;
    fn gen(pat: u32, n: usize) -> Src<u32> {
        let mut r = Rng(SEED_DATA);
        padded(n, || 0u32, (0..n).map(|i| match pat {
            PAT_RANDOM => (r.next() >> 32) as u32,
            _ => key_of(pat, i, n, &mut r) as u32,
        }))
    }
    fn csum(p: &[u32]) -> u64 {
        p.iter().enumerate().fold(0u64, |s, (i, &x)| s.wrapping_add((i as u64 + 1).wrapping_mul(x as u64)))
    }
    #[inline(always)]
    fn acc0() -> u32 { 0 }
    #[inline(always)]
    fn add(a: u32, e: &u32) -> u32 { a.wrapping_add(*e) }
    fn acc64(a: u32) -> u64 { a as u64 }
    #[inline(always)]
    fn key(&self) -> u64 { *self as u64 }
    fn sort(v: &mut [u32]) { v.sort_unstable() }
}
impl Elem for u64 {
    type Acc = u64;
    fn gen(pat: u32, n: usize) -> Src<u64> {
        let mut r = Rng(SEED_DATA);
        padded(n, || 0u64, (0..n).map(|i| key_of(pat, i, n, &mut r)))
    }
    fn csum(p: &[u64]) -> u64 {
        p.iter().enumerate().fold(0u64, |s, (i, &x)| s.wrapping_add((i as u64 + 1).wrapping_mul(x)))
    }
    #[inline(always)]
    fn acc0() -> u64 { 0 }
    #[inline(always)]
    fn add(a: u64, e: &u64) -> u64 { a.wrapping_add(*e) }
    fn acc64(a: u64) -> u64 { a }
    #[inline(always)]
    fn key(&self) -> u64 { *self }
    fn sort(v: &mut [u64]) { v.sort_unstable() }
}
impl Elem for Rec {
    type Acc = u64;
    fn gen(pat: u32, n: usize) -> Src<Rec> {
        let mut r = Rng(SEED_DATA);
        padded(n, Rec::default, (0..n).map(|i| {
            let key = key_of(pat, i, n, &mut r);
            let a = r.next();
            let b = r.next();
            Rec { key, a, b }
        }))
    }
    fn csum(p: &[Rec]) -> u64 {
        p.iter().enumerate().fold(0u64, |s, (i, x)| {
            s.wrapping_add((i as u64 + 1).wrapping_mul(x.key)).wrapping_add(x.a ^ x.b)
        })
    }
    #[inline(always)]
    fn acc0() -> u64 { 0 }
    #[inline(always)]
    fn add(a: u64, e: &Rec) -> u64 { a.wrapping_add(e.key.wrapping_add(e.a).wrapping_add(e.b)) }
    fn acc64(a: u64) -> u64 { a }
    #[inline(always)]
    fn key(&self) -> u64 { self.key }
    fn sort(v: &mut [Rec]) { v.sort_unstable_by(|a, b| a.key.cmp(&b.key)) }
}

fn gen_idx(n: usize) -> Src<u32> {
    let mut r = Rng(SEED_IDX);
    padded(n, || 0u32, (0..n).map(|_| (r.next() % n as u64) as u32))
}

fn gen_str_one(pat: u32, i: usize, n: usize, r: &mut Rng) -> String {
    let x = r.next();
    let seed = if pat == PAT_FEW { x % 16 + 1 } else { x };
    let len = 16 + (seed % 32) as usize;
    let mut s: Vec<u8> = Vec::with_capacity(len);
    if pat == PAT_SORTED || pat == PAT_REVERSED {
        let mut d = if pat == PAT_SORTED { i as u64 } else { (n - 1 - i) as u64 };
        let mut pre = [0u8; 10];
        for j in (0..10).rev() {
            pre[j] = b'0' + (d % 10) as u8;
            d /= 10;
        }
        s.extend_from_slice(&pre);
    }
    let mut y = seed;
    let mut j = 0usize;
    while s.len() < len {
        if j % 12 == 0 {
            y = xs64(y);
        }
        s.push(b'a' + (((y >> (5 * (j % 12))) & 31) % 26) as u8);
        j += 1;
    }
    String::from_utf8(s).unwrap()
}
fn gen_strs(pat: u32, n: usize) -> Src<String> {
    let mut r = Rng(SEED_DATA);
    padded(n, String::new, (0..n).map(|i| gen_str_one(pat, i, n, &mut r)))
}
fn str_h(s: &str) -> u64 {
    let b = s.as_bytes();
    (b.len() as u64)
        .wrapping_mul(1000003)
        .wrapping_add((b[0] as u64) * 131)
        .wrapping_add(b[b.len() - 1] as u64)
}
fn csum_strs(v: &[String]) -> u64 {
    v.iter().enumerate().fold(0u64, |s, (i, x)| s.wrapping_add((i as u64 + 1).wrapping_mul(str_h(x))))
}

static mut SAMPLES: i32 = 1;
fn samples() -> i32 { unsafe { SAMPLES } }
fn plan_reps(n: usize) -> usize { if n >= 1 << 18 { 1 } else { (1 << 18) / n } }
fn plan_reps_str(n: usize) -> usize { if n >= 1 << 14 { 1 } else { (1 << 14) / n } }
fn plan_samples(n: usize) -> i32 { if n <= 100000 { 5 } else if n <= 1000000 { 3 } else { 1 } }

fn ns(t: f64) -> f64 { cpu_ns() - t }

// create cases: one vector at a time, create + destroy timed
fn create_case<T: Elem, F: Fn(&[T], &Vec<T>) -> Vec<T>>(n: usize, ck: &mut u64, body: F) -> f64 {
    let src = T::gen(PAT_RANDOM, n);
    let w: Vec<T> = src.to_vec();
    let k = plan_reps(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let mut paused = 0.0;
        let t0 = cpu_ns();
        for r in 0..k {
            let v = body(black_box(&src[..]), black_box(&w));
            let v = black_box(v);
            if r == k - 1 {
                let p0 = cpu_ns();
                *ck = T::csum(&v);
                paused += ns(p0) + clock_cost();
            }
            drop(v);
        }
        let dt = ns(t0) - paused - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn iterate_case<T: Elem>(n: usize, ck: &mut u64) -> f64 {
    let v: Vec<T> = T::gen(PAT_RANDOM, n).to_vec();
    let k = plan_reps(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let t0 = cpu_ns();
        for _ in 0..k {
            let v = black_box(&v);
            let mut sum = T::acc0();
            for e in v.iter() {
                sum = T::add(sum, e);
            }
            *ck = T::acc64(black_box(sum));
        }
        let dt = ns(t0) - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn get_case<T: Elem>(n: usize, ck: &mut u64) -> f64 {
    let v: Vec<T> = T::gen(PAT_RANDOM, n).to_vec();
    let idx = gen_idx(n);
    let k = plan_reps(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let t0 = cpu_ns();
        for _ in 0..k {
            let v = black_box(&v);
            let mut sum = 0u64;
            for &i in idx.iter() {
                sum = sum.wrapping_add(v[i as usize].key());
            }
            *ck = black_box(sum);
        }
        let dt = ns(t0) - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn sort_case<T: Elem>(pat: u32, n: usize, ck: &mut u64) -> f64 {
    let k = plan_reps(n);
    let src = T::gen(pat, k * n); // a slice of its own per vector
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let mut vs: Vec<Vec<T>> = (0..k).map(|r| src[r * n..(r + 1) * n].to_vec()).collect();
        black_box(&mut vs);
        let t0 = cpu_ns();
        for v in vs.iter_mut() {
            T::sort(v);
        }
        let dt = ns(t0) - clock_cost();
        black_box(&mut vs);
        if dt < best { best = dt; }
        *ck = T::csum(&vs[k - 1]);
    }
    best / (k as f64 * n as f64)
}

fn find_case<T: Elem>(n: usize, ck: &mut u64) -> f64 {
    let v: Vec<T> = T::gen(PAT_RANDOM, n).to_vec();
    let key = v[n - 1].key();
    let k = plan_reps(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let t0 = cpu_ns();
        for _ in 0..k {
            let v = black_box(&v);
            let key = black_box(key);
            let at = v.iter().position(|e| e.key() == key).unwrap_or(v.len());
            *ck = black_box(at) as u64;
        }
        let dt = ns(t0) - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn run_pod<T: Elem>(c: &str, n: usize, ck: &mut u64) -> Option<f64> {
    Some(match c {
        "push_grow" => create_case::<T, _>(n, ck, |src, _| {
            let mut v = Vec::new();
            for &x in src {
                v.push(x);
            }
            v
        }),
        "push_reserve" => create_case::<T, _>(n, ck, |src, _| {
            let mut v = Vec::with_capacity(src.len());
            for &x in src {
                v.push(x);
            }
            v
        }),
        "extend" => create_case::<T, _>(n, ck, |src, _| {
            let mut v = Vec::new();
            v.extend_from_slice(src);
            v
        }),
        "clone" => create_case::<T, _>(n, ck, |_, w| w.clone()),
        "iterate" => iterate_case::<T>(n, ck),
        "get" => get_case::<T>(n, ck),
        "sort_random" => sort_case::<T>(PAT_RANDOM, n, ck),
        "sort_sorted" => sort_case::<T>(PAT_SORTED, n, ck),
        "sort_reversed" => sort_case::<T>(PAT_REVERSED, n, ck),
        "sort_few" => sort_case::<T>(PAT_FEW, n, ck),
        "find" => find_case::<T>(n, ck),
        _ => return None,
    })
}

fn str_push(n: usize, reserve: bool, ck: &mut u64) -> f64 {
    let mut src = gen_strs(PAT_RANDOM, n);
    let k = plan_reps_str(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let mut paused = 0.0;
        let t0 = cpu_ns();
        for r in 0..k {
            let mut v: Vec<String> = if reserve { Vec::with_capacity(n) } else { Vec::new() };
            let from = src.k;
            for s in src.buf.drain(from..) {
                v.push(s);
            }
            let mut v = black_box(v);
            let p0 = cpu_ns();
            if r == k - 1 {
                *ck = csum_strs(&v);
            }
            src.buf.extend(v.drain(..));
            paused += ns(p0) + clock_cost();
            drop(v);
        }
        let dt = ns(t0) - paused - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn str_create(n: usize, clone: bool, ck: &mut u64) -> f64 {
    let src = gen_strs(PAT_RANDOM, n);
    let k = plan_reps_str(n);
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let mut paused = 0.0;
        let t0 = cpu_ns();
        for r in 0..k {
            let s: &[String] = black_box(&src);
            let v: Vec<String> = if clone {
                s.to_vec()
            } else {
                let mut v = Vec::new();
                v.extend_from_slice(s);
                v
            };
            let v = black_box(v);
            if r == k - 1 {
                let p0 = cpu_ns();
                *ck = csum_strs(&v);
                paused += ns(p0) + clock_cost();
            }
            drop(v);
        }
        let dt = ns(t0) - paused - clock_cost();
        if dt < best { best = dt; }
    }
    best / (k as f64 * n as f64)
}

fn str_sort(pat: u32, n: usize, ck: &mut u64) -> f64 {
    let k = plan_reps_str(n);
    let src = gen_strs(pat, k * n); // a slice of its own per vector
    let mut best = f64::MAX;
    for _ in 0..samples() {
        let mut vs: Vec<Vec<String>> = (0..k).map(|r| src[r * n..(r + 1) * n].to_vec()).collect();
        black_box(&mut vs);
        let t0 = cpu_ns();
        for v in vs.iter_mut() {
            v.sort_unstable();
        }
        let dt = ns(t0) - clock_cost();
        black_box(&mut vs);
        if dt < best { best = dt; }
        *ck = csum_strs(&vs[k - 1]);
    }
    best / (k as f64 * n as f64)
}

fn run_str(c: &str, n: usize, ck: &mut u64) -> Option<f64> {
    Some(match c {
        "push_grow" => str_push(n, false, ck),
        "push_reserve" => str_push(n, true, ck),
        "extend" => str_create(n, false, ck),
        "clone" => str_create(n, true, ck),
        "sort_random" => str_sort(PAT_RANDOM, n, ck),
        "sort_sorted" => str_sort(PAT_SORTED, n, ck),
        "sort_reversed" => str_sort(PAT_REVERSED, n, ck),
        "sort_few" => str_sort(PAT_FEW, n, ck),
        _ => return None,
    })
}

#[repr(C)]
struct MallInfo2 {
    arena: usize,
    ordblks: usize,
    smblks: usize,
    hblks: usize,
    hblkhd: usize,
    usmblks: usize,
    fsmblks: usize,
    uordblks: usize,
    fordblks: usize,
    keepcost: usize,
}
extern "C" {
    fn mallinfo2() -> MallInfo2;
}
fn heap_in_use() -> usize {
    let m = unsafe { mallinfo2() };
    m.uordblks + m.hblkhd
}

fn mem_case(n: usize, ck: &mut u64) -> f64 {
    let mut vs: Vec<Vec<u32>> = Vec::with_capacity(n);
    let mut r = Rng(SEED_DATA);
    let before = heap_in_use();
    for _ in 0..n {
        let len = 1 + (r.next() % 8) as usize;
        let mut v = Vec::new();
        for _ in 0..len {
            v.push((r.next() >> 32) as u32);
        }
        vs.push(v);
    }
    let after = heap_in_use();
    *ck = vs.iter().fold(0u64, |s, v| s.wrapping_add(u32::csum(v)));
    let hdr = std::mem::size_of::<Vec<u32>>();
    let heap = (after - before) as f64 / n as f64;
    println!("{:.4} {} {} {:.4}", hdr as f64 + heap, *ck, hdr, heap);
    -1.0
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 4 {
        eprintln!("usage: {} CASE TYPE N [SAMPLES]", a[0]);
        std::process::exit(3);
    }
    let n: usize = a[3].parse().unwrap_or(0);
    if n == 0 {
        eprintln!("bad arguments");
        std::process::exit(3);
    }
    unsafe {
        SAMPLES = if a.len() > 4 { a[4].parse().unwrap_or(1).max(1) } else { plan_samples(n) };
        calibrate_clock();
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        SHIFT_SEED = xs64(((std::process::id() as u64) << 32) ^ t as u64 ^ 0x2545F4914F6CDD1D);
    }
    let (c, t) = (a[1].as_str(), a[2].as_str());
    let mut ck = 0u64;
    let r = match (c, t) {
        ("mem", "u32") => Some(mem_case(n, &mut ck)),
        ("mem", _) | ("push_unchecked", _) => None,
        (_, "u32") => run_pod::<u32>(c, n, &mut ck),
        (_, "u64") => run_pod::<u64>(c, n, &mut ck),
        (_, "rec") => run_pod::<Rec>(c, n, &mut ck),
        (_, "str") => run_str(c, n, &mut ck),
        _ => {
            eprintln!("bad arguments");
            std::process::exit(3);
        }
    };
    match r {
        Some(x) if x < 0.0 => {}
        Some(x) => println!("{:.4} {}", x, ck),
        None => {
            println!("NA 0");
            std::process::exit(2);
        }
    }
}
