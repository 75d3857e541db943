#![allow(clippy::expect_used)]
//! One `sfauth try jwt-bearer` against `sfauth serve` in-process on loopback: mint, inspect,
//! post, read userinfo (success), and the same with a refusal explained from the catalog.
//! The network is loopback only; the figure is sfauth's own cost per attempt, which a real
//! org's round trip dwarfs. Target: under 20 ms per attempt in a release build.

use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::model::Knowledge;
use sfauth::serve::org::demo;
use sfauth::serve::{LogSink, ServeOptions, spawn};
use sfauth::try_flow::diagnosis::diagnose;
use sfauth::try_flow::http::Client;
use sfauth::try_flow::jwt_bearer::{JwtBearerRequest, run};
use sfauth::try_flow::{Attempt, Outcome};
use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn attempt(k: &Knowledge, url: &str, audience: Option<&str>) -> Attempt {
    let now = chrono::Utc::now();
    let req = JwtBearerRequest {
        client_id: demo::DEMO_CONSUMER_KEY,
        username: demo::DEMO_USER,
        key_pem: demo::DEMO_KEY_PEM.as_bytes(),
        key_name: "demo-app.key",
        login_url: url,
        audience,
        cert: None,
        ttl_secs: 180,
        minted_at: now,
        sent_at: now,
    };
    run(k, &mut Client::for_url(url, Duration::from_secs(10)), &req).expect("an answer")
}

fn bench(c: &mut Criterion) {
    let k = Knowledge::builtin().expect("the shipped model");
    let mut opts = ServeOptions::new("127.0.0.1:0".parse().expect("an address"));
    opts.log = LogSink::Memory(Arc::new(Mutex::new(Vec::new())));
    let server = spawn(
        demo::org().expect("the demo org"),
        Arc::new(k.clone()),
        opts,
    )
    .expect("the local org");
    let url = server.base_url.clone();
    c.bench_function("try jwt-bearer: token + userinfo", |b| {
        b.iter(|| black_box(attempt(&k, &url, None)))
    });
    c.bench_function("try jwt-bearer: refusal + diagnosis", |b| {
        b.iter(|| {
            let a = attempt(&k, &url, Some("https://login.salesforce.com"));
            if let Outcome::Refused(r) = &a.outcome {
                black_box(diagnose(&k, r, "jwt-bearer", &a.findings).org_side.len());
            }
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
