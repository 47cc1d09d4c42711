//! The default rule files, embedded at build time so the binary runs from any directory.

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
