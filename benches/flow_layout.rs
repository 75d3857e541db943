//! Layout of the longest shipped flow (most steps, then most participants); the target is a
//! median under 200 µs, so the Flows tab can lay out again on every resize.

use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::diagram::{Charset, layout, render_text};
use sfauth::model::{Flow, ModelFile};
use std::hint::black_box;

fn longest_flow() -> Option<Flow> {
    let shipped: ModelFile =
        serde_json::from_str(include_str!("../assets/knowledge/flows.json")).ok()?;
    let fixture: ModelFile =
        serde_json::from_str(include_str!("../tests/fixtures/flows/pack/flows.json")).ok()?;
    shipped
        .flows
        .into_iter()
        .chain(fixture.flows)
        .max_by_key(|f| (f.steps.len(), f.participants.len()))
}

fn flow_layout(c: &mut Criterion) {
    let Some(flow) = longest_flow() else {
        eprintln!("flow_layout: no flow to lay out");
        return;
    };
    c.bench_function(&format!("flow_layout {} at 100", flow.id), |b| {
        b.iter(|| black_box(layout(black_box(&flow), 100, Charset::Unicode)))
    });
    c.bench_function(&format!("flow_layout {} at 60", flow.id), |b| {
        b.iter(|| black_box(layout(black_box(&flow), 60, Charset::Unicode)))
    });
    c.bench_function(&format!("flow_render_text {} at 100", flow.id), |b| {
        b.iter(|| black_box(render_text(black_box(&flow), 100, false, Some(3))))
    });
}

criterion_group!(benches, flow_layout);
criterion_main!(benches);
