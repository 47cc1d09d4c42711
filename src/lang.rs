//! Language detection (whatlang), with ISO 639-1 codes as the rule files use them.

/// What detection found for a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code (ISO 639-3 where there is none), when detection is reliable.
    pub language: Option<String>,
    /// whatlang's confidence in its best guess, 0 to 1.
    pub confidence: f64,
    /// The best guess, even when unreliable.
    pub guess: Option<String>,
}

/// ISO 639-3 → 639-1 for the languages whatlang knows that have a two-letter code.
const ISO1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The code mtlint uses for a whatlang language.
pub fn code(lang: whatlang::Lang) -> String {
    let three = lang.code();
    ISO1.iter()
        .find(|(t, _)| *t == three)
        .map_or(three, |(_, two)| two)
        .to_string()
}

/// True when `code` names a language that detection knows (`it`, `pt`, `nl`…), whether or not
/// any rule file is written for it.
pub fn is_known_code(code: &str) -> bool {
    whatlang::Lang::all().iter().any(|&l| self::code(l) == code)
}

/// Below this confidence a document's language is left undecided. whatlang's confidence is the
/// margin between its two best guesses; 0.5 is a clear margin, met by a sentence or two of
/// ordinary prose.
pub const MIN_CONFIDENCE: f64 = 0.5;

/// How much of a long text detection reads: enough to decide, bounded for speed.
const SAMPLE_BYTES: usize = 2048;

/// Detects the language of `text` (of its first few kilobytes).
pub fn detect(text: &str) -> Detection {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) => Detection {
            language: (info.confidence() >= MIN_CONFIDENCE).then(|| code(info.lang())),
            confidence: info.confidence(),
            guess: Some(code(info.lang())),
        },
        None => Detection {
            language: None,
            confidence: 0.0,
            guess: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_languages_without_rules() {
        assert!(super::is_known_code("it"));
        assert!(super::is_known_code("ja"));
        assert!(!super::is_known_code("xx"));
    }

    #[test]
    fn detects_with_two_letter_codes() {
        let en = detect(
            "The council approved the new budget on Monday after a long debate about schools.",
        );
        assert_eq!(en.language.as_deref(), Some("en"));
        let de = detect(
            "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen.",
        );
        assert_eq!(de.language.as_deref(), Some("de"));
        let ja = detect("市議会は月曜日、長い議論の末に新しい予算を承認しました。");
        assert_eq!(ja.language.as_deref(), Some("ja"));
        assert_eq!(detect("").language, None);
    }
}
