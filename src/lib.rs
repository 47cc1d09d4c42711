//! mtlint finds the defects that machine translation leaves in prose and scores each document.
//!
//! Data flows one way: bytes → [`document::Document`] (text, line index, paragraphs, sentences,
//! tokens, all byte spans into the input) → [`ruleset::RuleSet`] (the rule files of
//! [`rules`], data only, compiled once into [`checks`] for a target language and source→target
//! pair) → [`checks`] → [`finding::Finding`]s →
//! [`score`] → [`report::Report`] → a renderer. The library never prints; errors are typed
//! ([`error::Error`]) and only the binary turns them into exit codes.
//!
//! ```
//! use mtlint::ruleset::Catalog;
//! use mtlint::{Linter, Options};
//!
//! let linter = Linter::new(
//!     Catalog::embedded()?,
//!     Options { language: Some("en".into()), ..Options::default() },
//! );
//! let report = linter.check_text("note.txt", "The delegation flew to Kiev on Monday.");
//! assert_eq!(&*report.findings[0].rule, "en/spelling-convention");
//! assert_eq!(report.findings[0].text, "Kiev");
//! assert!(report.passed); // one minor finding: the default gate fails on major
//! # Ok::<(), mtlint::Error>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod baseline;
pub mod bitext;
pub mod checks;
pub mod config;
pub mod contract;
pub mod document;
pub mod engine;
pub mod entities;
pub mod error;
pub mod finding;
pub mod fix;
pub mod input;
pub mod lang;
pub mod lexicon;
pub mod report;
pub mod rules;
pub mod ruleset;
pub mod score;
pub mod suppress;

pub use engine::{Linter, Options, check};
pub use error::Error;
