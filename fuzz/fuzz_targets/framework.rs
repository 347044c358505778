//! Any bytes given as a framework give a framework or a list of problems,
//! never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = mbct_sustain::core::yaml::decode(data.to_vec()) {
        let _ = mbct_sustain::core::framework::from_yaml(&text);
    }
});
