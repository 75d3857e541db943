#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Random and mutated pack files never panic the loader; they give problems or load.

use proptest::prelude::*;
use sfauth::model::{PackSource, check_pack};

const VALID: &str = r#"{"notes": [{"id": "acme-n", "title": "T", "body": "B", "related": ["strategy:jwt-bearer"], "as_of": "Spring '26"}]}"#;

fn run(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.json"), bytes).unwrap();
    let problems = check_pack(&PackSource::new(dir.path()));
    for p in problems {
        let line = p.to_string();
        assert!(!line.contains('\n'), "problem spans lines: {line}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        run(&bytes);
    }

    #[test]
    fn mutated_valid_pack_never_panics(pos in 0usize..VALID.len(), byte in any::<u8>(), cut in 0usize..VALID.len()) {
        let mut bytes = VALID.as_bytes().to_vec();
        bytes[pos] = byte;
        bytes.truncate(cut.max(pos + 1));
        run(&bytes);
    }
}

#[test]
fn deeply_nested_json_is_refused_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    run(deep.as_bytes());
}
