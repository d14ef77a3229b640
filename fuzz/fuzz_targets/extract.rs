//! Fuzz the extraction entry point: any bytes are decoded as a document would be, then
//! extracted, and the output contract is checked. A panic or a failed check is a finding.
//!
//! Run from the repository root: `RUSTC_BOOTSTRAP=1 cargo fuzz run extract` (see README).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use orbitext::Extractor;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::from_dictionaries(true, &[]).expect("dictionaries"))
}

fuzz_target!(|data: &[u8]| {
    let text = match orbitext::decode(data.to_vec(), None) {
        Ok((text, _)) => text,
        // The command line skips binary input, but the library must cope with any text.
        Err(_) => String::from_utf8_lossy(data).into_owned(),
    };
    let mentions = extractor().extract(&text);
    if let Some(violation) = orbitext::contract_violation(&text, &mentions) {
        panic!("{violation}");
    }
});
