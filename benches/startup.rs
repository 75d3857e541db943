//! What a CLI call pays before it does its work: loading the model. `validated` is what every
//! call paid before start-up began to trust the shipped model (the tests validate it);
//! `trusted` is `sfauth kb ...` now, and `inspect_kinds` is `sfauth inspect`.

use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::model::{EntryKind, Knowledge};
use std::hint::black_box;

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("validated", |b| {
        b.iter(|| black_box(Knowledge::builtin_checked().is_ok()))
    });
    group.bench_function("trusted", |b| {
        b.iter(|| black_box(Knowledge::builtin().is_ok()))
    });
    let inspect = [EntryKind::Check, EntryKind::Error, EntryKind::Glossary];
    group.bench_function("inspect_kinds", |b| {
        b.iter(|| black_box(Knowledge::builtin_kinds(&inspect).is_ok()))
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
