//! Any bytes given as an answers file give a history or an error, never a
//! panic or a hang; a history that loads renders and loads again unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mbct_sustain::core::answers;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = mbct_sustain::core::yaml::decode(data.to_vec())
        && let Ok(history) = answers::file::parse(&text)
    {
        let text = answers::file::render(&history, false).expect("a loaded history renders");
        let again = answers::file::parse(&text).expect("a rendered history loads");
        assert_eq!(again.assessments.len(), history.assessments.len());
    }
});
