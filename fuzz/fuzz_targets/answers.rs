//! Any bytes given as an answers file give a history or an error, never a
//! panic or a hang; a history that loads renders and loads again unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mbct_sustain::answers;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = mbct_sustain::input::decode(data.to_vec())
        && let Ok(history) = answers::parse(&text)
    {
        let text = answers::render(&history, false).expect("a loaded history renders");
        let again = answers::parse(&text).expect("a rendered history loads");
        assert_eq!(again.assessments.len(), history.assessments.len());
    }
});
