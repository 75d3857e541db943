#![allow(clippy::expect_used)]
//! Decoding and verifying a JWT bearer assertion: the work `sfauth inspect --key` does per
//! token, without process start-up. Target: decode + RS256 verify under 100 µs (median).

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::inspect::jwt::{decode::decode, verify::verify};
use sfauth::inspect::{InspectOptions, KeyMaterial, inspect};
use sfauth::model::Knowledge;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nanoseconds this thread has spent on a CPU (Linux). The machine these benches run on is
/// shared, so wall-clock medians also count time spent waiting for a core; on-CPU time does
/// not, and both are reported.
fn on_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f` `iters` times and returns its on-CPU time, or wall time where that is unknown.
fn cpu_time<R>(iters: u64, mut f: impl FnMut() -> R) -> Duration {
    let (cpu0, wall0) = (on_cpu(), Instant::now());
    for _ in 0..iters {
        black_box(f());
    }
    match (cpu0, on_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall0.elapsed(),
    }
}

const TOKEN: &str = include_str!("../tests/fixtures/jwt/good.jwt");
const CERT: &[u8] = include_bytes!("../tests/fixtures/jwt/cert.pem");

fn bench(c: &mut Criterion) {
    let key = KeyMaterial::parse(CERT, "cert.pem").expect("fixture certificate parses");
    let token = TOKEN.trim();
    c.bench_function("decode + RS256 verify", |b| {
        b.iter(|| {
            let jwt = decode(black_box(token)).expect("fixture token decodes");
            verify(&jwt, Some(&key))
        });
    });
    c.bench_function("decode + RS256 verify (on-CPU time)", |b| {
        b.iter_custom(|iters| {
            cpu_time(iters, || {
                let jwt = decode(black_box(token)).expect("fixture token decodes");
                verify(&jwt, Some(&key))
            })
        });
    });
    c.bench_function("decode only", |b| {
        b.iter(|| decode(black_box(token)).expect("fixture token decodes"));
    });
    let k = Knowledge::builtin().expect("shipped model loads");
    let opts =
        InspectOptions::at(DateTime::from_timestamp(1_798_761_600, 0).expect("valid instant"));
    c.bench_function("full inspect (detect, decode, verify, J1-J14)", |b| {
        b.iter(|| inspect(black_box(token), &opts, Some(&key), &k).expect("fixture inspects"));
    });
    c.bench_function("parse certificate key", |b| {
        b.iter(|| KeyMaterial::parse(black_box(CERT), "cert.pem").expect("parses"));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
