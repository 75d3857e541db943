//! The chooser engine: resolving answers, building outcomes and rendering Markdown.

use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::model::Knowledge;
use sfauth::wizard::{Answers, outcome, resolve, to_markdown};
use std::hint::black_box;

/// Every complete answer set the wizard can reach, found by answering each question it asks.
fn complete_answer_sets(k: &Knowledge) -> Vec<Answers> {
    let mut done = Vec::new();
    let mut stack = vec![Answers::new()];
    while let Some(a) = stack.pop() {
        match resolve(&k.wizard, &a).next {
            Some(q) => {
                for o in &q.options {
                    let mut more = a.clone();
                    if more.answer(&k.wizard, &q.id, &o.value).is_ok() {
                        stack.push(more);
                    }
                }
            }
            None => done.push(a),
        }
    }
    done
}

fn bench(c: &mut Criterion) {
    let Ok(k) = Knowledge::builtin() else {
        eprintln!("the shipped model does not load; nothing to measure");
        return;
    };
    let sets = complete_answer_sets(&k);
    c.bench_function("wizard/outcome_for_every_complete_answer_set", |b| {
        b.iter(|| {
            for a in &sets {
                let r = resolve(&k.wizard, a);
                black_box(outcome(&k, &r));
            }
        })
    });
    let one = [
        "direction=inbound",
        "caller=backend",
        "idp=none",
        "identity=per-user",
    ];
    if let Ok(a) = Answers::parse(&k.wizard, one) {
        c.bench_function("wizard/parse_resolve_outcome_one", |b| {
            b.iter(|| {
                let parsed = Answers::parse(&k.wizard, black_box(one));
                parsed.map(|a| outcome(&k, &resolve(&k.wizard, &a)))
            })
        });
        if let Some(o) = outcome(&k, &resolve(&k.wizard, &a)) {
            c.bench_function("wizard/markdown_one", |b| {
                b.iter(|| to_markdown(&k, black_box(&o)))
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
