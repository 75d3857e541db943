//! Load driver for `sfauth serve` (run by hand: `cargo bench --bench serve_load`).
//!
//! Starts the built binary on a free loopback port, sends 10,000 JWT bearer token requests
//! from 64 concurrent clients, and reports requests/s, p50, p99, failures and the server's
//! peak RSS (VmHWM). Every request must succeed; any failure or loss is reported and fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const REQUESTS: usize = 10_000;
const CLIENTS: usize = 64;

fn main() {
    let mut server = Command::new(env!("CARGO_BIN_EXE_sfauth"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sfauth serve");
    let mut first = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap()
        .to_string();
    let minted = sfauth::mint::jwt_bearer(
        &sfauth::mint::MintRequest {
            client_id: sfauth::serve::org::demo::DEMO_CONSUMER_KEY.into(),
            username: sfauth::serve::org::demo::DEMO_USER.into(),
            login_url: url.clone(),
            ttl_secs: 180,
            at: chrono::Utc::now(),
        },
        sfauth::serve::org::demo::DEMO_KEY_PEM.as_bytes(),
        "demo-app.key",
    )
    .unwrap();
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion={}",
        minted.assertion
    );
    let next = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(REQUESTS)));
    let started = Instant::now();
    let workers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (next, failures, latencies) = (next.clone(), failures.clone(), latencies.clone());
            let (url, body) = (url.clone(), body.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut mine = Vec::new();
                while next.fetch_add(1, Ordering::Relaxed) < REQUESTS {
                    let t = Instant::now();
                    let ok = agent
                        .post(format!("{url}/services/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .send(body.as_str())
                        .map(|mut r| {
                            r.status().as_u16() == 200
                                && r.body_mut()
                                    .read_to_string()
                                    .is_ok_and(|b| b.contains("access_token"))
                        })
                        .unwrap_or(false);
                    mine.push(t.elapsed());
                    if !ok {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let elapsed = started.elapsed();
    let peak_kib = std::fs::read_to_string(format!("/proc/{}/status", server.id()))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .unwrap_or_else(|| "?".to_string());
    let _ = server.kill();
    let _ = server.wait();
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    let failed = failures.load(Ordering::Relaxed);
    println!(
        "serve_load: {} JWT bearer requests, {CLIENTS} clients, {:.2}s: {:.0} req/s, p50 {:.2} ms, \
         p99 {:.2} ms, failed {failed}, lost {}, server peak RSS {peak_kib} KiB",
        lat.len(),
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
        REQUESTS - lat.len(),
    );
    assert_eq!(failed, 0, "requests failed");
    assert_eq!(lat.len(), REQUESTS, "requests lost");
}
