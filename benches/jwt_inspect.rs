#![allow(clippy::expect_used)]
//! Decoding and verifying a JWT bearer assertion: the work `sfauth inspect --key` does per
//! token, without process start-up. Target: decode + RS256 verify under 100 µs (median).

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::inspect::jwt::{decode::decode, verify::verify};
use sfauth::inspect::{InspectOptions, KeyMaterial, inspect};
use sfauth::model::Knowledge;
use std::hint::black_box;

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
