//! decode + exclusive c14n + RSA verify of a 10 KB signed assertion (issue: under 1 ms median),
//! and the worst case the hostile corpus holds: a 110,000-token PrefixList over 36,000 elements
//! just under the 1 MB limit (issue: well under a second).

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sfauth::model::Knowledge;
use sfauth::saml::{SamlOptions, SignatureStatus, c14n, inspect_saml};
use std::hint::black_box;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/saml/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn bench(c: &mut Criterion) {
    let xml = String::from_utf8(fixture("bench-10k.xml")).unwrap_or_default();
    let k = Knowledge::builtin().unwrap_or_default();
    let at = DateTime::parse_from_rfc3339("2026-01-01T00:01:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default();
    let opts = SamlOptions {
        key: Some(fixture("cert.pem")),
        ..SamlOptions::at(at)
    };
    let report = inspect_saml(&xml, &opts, &k);
    assert!(
        report.is_ok_and(|r| r.signature.status == SignatureStatus::Valid),
        "the benchmark assertion must verify"
    );
    c.bench_function(
        "saml inspect 10KB (decode, c14n, RSA-SHA256 verify, checks)",
        |b| b.iter(|| inspect_saml(black_box(&xml), &opts, &k)),
    );
    let b64 = {
        use base64::prelude::*;
        BASE64_URL_SAFE_NO_PAD.encode(&xml)
    };
    let body = format!(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion={b64}"
    );
    c.bench_function("saml inspect 10KB base64url form body", |b| {
        b.iter(|| inspect_saml(black_box(&body), &opts, &k))
    });
    c.bench_function("saml decode 10KB base64url form body", |b| {
        b.iter(|| sfauth::saml::decode(black_box(&body)).map(|d| d.xml.len()))
    });
    c.bench_function("saml parse 10KB (roxmltree, bounds)", |b| {
        b.iter(|| sfauth::saml::xml::parse(black_box(&xml)).map(|d| d.descendants().count()))
    });
    let key = sfauth::saml::keys::load_key(&fixture("cert.pem"));
    c.bench_function(
        "saml RSA-SHA256 SignedInfo verify (c14n of SignedInfo + RSA)",
        |b| {
            let doc = roxmltree::Document::parse(&xml);
            let sig = doc.as_ref().ok().and_then(|d| {
                d.descendants()
                    .find(|n| n.has_tag_name((sfauth::saml::xml::DSIG_NS, "Signature")))
            });
            b.iter(|| {
                let parsed = sig.map(sfauth::saml::dsig::parse);
                match (&parsed, &key) {
                    (Some(p), Ok(k)) => {
                        sfauth::saml::dsig::verify_signature_value(p, &k.key) == Ok(true)
                    }
                    _ => false,
                }
            })
        },
    );
    let worst = std::fs::read_to_string(format!(
        "{}/tests/fixtures/adversarial/saml/prefixlist-110k.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default();
    let pub_key = SamlOptions {
        key: Some(fixture("pub.pem")),
        ..opts.clone()
    };
    let mut slow = c.benchmark_group("saml worst case");
    slow.sample_size(10);
    slow.bench_function("saml inspect 1MB, 110k-token PrefixList", |b| {
        b.iter(|| inspect_saml(black_box(&worst), &pub_key, &k).map(|r| r.findings.len()))
    });
    slow.finish();
    c.bench_function("saml exclusive c14n of the 10KB assertion", |b| {
        let doc = roxmltree::Document::parse(&xml);
        b.iter(|| {
            doc.as_ref()
                .map(|d| c14n::exclusive(black_box(d.root_element()), None, &[]).len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
