#![no_main]
//! A full check of a text input: the contract on the report and on every output format.

use libfuzzer_sys::fuzz_target;
use mtlint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    mtlint_fuzz::check_input(data, InputFormat::Text, "fuzz.txt");
});
