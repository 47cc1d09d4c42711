//! The rule set of one target language (and source→target pair): the rule files' specs compiled
//! once into checks. This is the one place where rules (data, [`crate::rules`]) meet the check
//! kinds ([`crate::checks`]).

mod catalog;
pub mod examples;

use std::collections::HashMap;
use std::sync::Arc;

pub use catalog::Catalog;

use crate::checks::{Compiled, PatternScanner};
use crate::document::Segmentation;
use crate::entities::PeopleVocab;
use crate::rules::Rule;

/// The rules that apply to one target language (and source language), compiled once.
#[derive(Debug)]
pub struct RuleSet {
    pub language: String,
    pub source: Option<String>,
    pub segmentation: Segmentation,
    pub people: PeopleVocab,
    rules: Vec<Arc<Compiled>>,
    scanner: PatternScanner,
}

impl RuleSet {
    fn new(
        language: String,
        source: Option<String>,
        segmentation: Segmentation,
        people: PeopleVocab,
        rules: Vec<Arc<Compiled>>,
    ) -> Self {
        let scanner = PatternScanner::new(&rules);
        Self {
            language,
            source,
            segmentation,
            people,
            rules,
            scanner,
        }
    }

    /// The compiled rules, in load order.
    pub fn rules(&self) -> &[Arc<Compiled>] {
        &self.rules
    }

    pub fn scanner(&self) -> &PatternScanner {
        &self.scanner
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules
            .iter()
            .find(|r| &*r.rule.id == id)
            .map(|r| &r.rule)
    }

    /// The same set restricted to the rules `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&Rule) -> bool) -> RuleSet {
        let rules: Vec<Arc<Compiled>> = self
            .rules
            .iter()
            .filter(|r| keep(&r.rule))
            .cloned()
            .collect();
        RuleSet::new(
            self.language.clone(),
            self.source.clone(),
            self.segmentation.clone(),
            self.people.clone(),
            rules,
        )
    }
}

/// Rules by id, later definitions replacing earlier ones in the earlier one's place.
fn dedupe(rules: Vec<Arc<Compiled>>) -> Vec<Arc<Compiled>> {
    let mut pos: HashMap<Arc<str>, usize> = HashMap::new();
    let mut out: Vec<Arc<Compiled>> = Vec::new();
    for r in rules {
        match pos.get(&r.rule.id) {
            Some(&i) => out[i] = r,
            None => {
                pos.insert(r.rule.id.clone(), out.len());
                out.push(r);
            }
        }
    }
    out
}
