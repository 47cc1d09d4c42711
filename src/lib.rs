//! mtlint finds the defects that machine translation leaves in prose and scores each document.
//!
//! Data flows one way: bytes → [`document::Document`] (text, line index, paragraphs, sentences,
//! tokens, all byte spans into the input) → [`rules::RuleSet`] (compiled once from the rule
//! files for a target language and source→target pair) → [`checks`] → [`finding::Finding`]s →
//! [`score`] → [`report::Report`] → a renderer. The library never prints; errors are typed
//! ([`error::Error`]) and only the binary turns them into exit codes.
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod baseline;
pub mod checks;
pub mod config;
pub mod contract;
pub mod document;
pub mod engine;
pub mod entities;
pub mod error;
pub mod finding;
pub mod input;
pub mod lang;
pub mod report;
pub mod rules;
pub mod score;
pub mod suppress;

pub use engine::{Linter, Options, check};
pub use error::Error;
