//! Arbitrary bytes through every entry point: `extract_bytes` must fail
//! exactly when the bytes are not UTF-8 (at the same offset), `extract` and
//! `extract_lossy` must never panic, and every offset must hold.
#![no_main]

mod check;

use libfuzzer_sys::fuzz_target;
use viet_ner::Error;

fuzz_target!(|data: &[u8]| {
    for ex in check::EXTRACTORS.iter() {
        match (std::str::from_utf8(data), ex.extract_bytes(data)) {
            (Ok(s), Ok(out)) => {
                check::check(s, &out);
                assert_eq!(out.to_json(), ex.extract(s).to_json(), "not deterministic");
            }
            (Err(e), Err(Error::InvalidUtf8 { offset, .. })) => assert_eq!(offset, e.valid_up_to()),
            (want, got) => panic!(
                "from_utf8 {:?}, extract_bytes {:?}",
                want.map(|_| ()),
                got.map(|_| ())
            ),
        }
        let (text, out) = ex.extract_lossy(data);
        check::check(&text, &out);
    }
});
