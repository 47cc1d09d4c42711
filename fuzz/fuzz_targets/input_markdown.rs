#![no_main]
//! A full check of a markdown input: the contract on the report and on every output format.

use libfuzzer_sys::fuzz_target;
use mtlint::input::InputFormat;

fuzz_target!(|data: &[u8]| {
    mtlint_fuzz::check_input(data, InputFormat::Markdown, "fuzz.md");
});
