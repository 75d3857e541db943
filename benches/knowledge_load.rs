use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::model::Knowledge;
use std::hint::black_box;

fn knowledge_load(c: &mut Criterion) {
    c.bench_function("knowledge_load", |b| {
        b.iter(|| black_box(Knowledge::builtin().is_ok()))
    });
}

criterion_group!(benches, knowledge_load);
criterion_main!(benches);
