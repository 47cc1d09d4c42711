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

/// Frequent closed-class words of some languages written in the Latin script, lowercase. The
/// lists leave out words that are common in another of these languages (English "is", "of",
/// "for", "will", "also"; "in", "a", "en", "des", "il", "del", "con", "para", "da"…), so that a
/// word counts for one language only.
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "that", "with", "are", "were", "this", "have", "has", "from", "which",
            "their", "they", "been", "would", "said", "but", "not", "who", "its", "after", "than",
            "about", "when", "there", "these", "into", "could", "should", "other", "what", "she",
            "his",
        ],
    ),
    (
        "de",
        &[
            "der", "und", "nicht", "ist", "mit", "sich", "auf", "dem", "ein", "eine", "auch",
            "wird", "sind", "werden", "nach", "bei", "für", "zum", "zur", "im", "über",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "et", "est", "une", "du", "dans", "pour", "pas", "sur", "au", "aux",
            "avec", "qui", "ont", "sont", "été", "cette", "elle", "nous",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "y", "es", "su", "sus", "fue", "está", "pero", "más", "muy",
            "también", "ya", "hay", "cuando",
        ],
    ),
    (
        "it",
        &[
            "di", "che", "della", "per", "sono", "non", "gli", "è", "nel", "alla", "anche",
        ],
    ),
    (
        "pt",
        &[
            "os", "não", "uma", "com", "são", "foi", "pelo", "pela", "em", "na",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "niet", "zijn", "voor", "dat", "ook", "bij", "wordt", "naar", "op",
        ],
    ),
];

/// Languages that stop words alone may settle (the others in [`STOP_WORDS`] only count against
/// them).
const SETTLED_BY_STOP_WORDS: &[&str] = &["en", "de", "fr", "es"];

/// The language of a document's sample from its script and stop words, when they settle it:
/// every letter is Latin, at least 12 words and a fifth of all words are stop words of one
/// language, 8 of them distinct, and no other language has an eighth as many. The confidence is the margin between
/// the two best counts, relative to the best.
fn by_stop_words(sample: &str) -> Option<Detection> {
    let mut counts = [0usize; STOP_WORDS.len()];
    // Which words of each list were seen: a few words repeated are not enough.
    let mut seen = [0u64; STOP_WORDS.len()];
    let mut words = 0usize;
    let mut buf = [0u8; 16];
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if !word.is_ascii() {
            // Latin letters only (Latin-1 and Latin Extended-A/B); anything else is whatlang's.
            if word
                .chars()
                .any(|c| !c.is_ascii() && !matches!(c as u32, 0xC0..=0x24F))
            {
                return None;
            }
        }
        let lower;
        let w: &str = if word.len() <= buf.len() && word.is_ascii() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or(word)
        } else if word.len() <= buf.len() {
            lower = word.to_lowercase();
            &lower
        } else {
            continue; // longer than any stop word
        };
        for (k, (_, list)) in STOP_WORDS.iter().enumerate() {
            if let Some(i) = list.iter().position(|s| *s == w) {
                counts[k] += 1;
                seen[k] |= 1 << i;
            }
        }
    }
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(k, n)| (*n, usize::MAX - k))?;
    let second = counts
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .map(|(_, &c)| c)
        .max()
        .unwrap_or(0);
    let code = STOP_WORDS[best].0;
    if !SETTLED_BY_STOP_WORDS.contains(&code)
        || n < 12
        || seen[best].count_ones() < 8
        || n * 5 < words
        || second * 8 > n
    {
        return None;
    }
    Some(Detection {
        language: Some(code.to_string()),
        confidence: (n - second) as f64 / n as f64,
        guess: Some(code.to_string()),
    })
}

/// Detects the language of a whole document from its first few kilobytes: from script and stop
/// words where they settle it (most news text), else with whatlang (see [`detect`]). The
/// language is the one whatlang finds on such text; the confidence is then the stop-word
/// margin, not whatlang's.
pub fn detect_document(text: &str) -> Detection {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    by_stop_words(&text[..end]).unwrap_or_else(|| detect(&text[..end]))
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

    #[test]
    fn stop_words_settle_what_whatlang_would() {
        let texts = [
            "The council said on Monday that it would raise the fees for the harbour after a \
             long debate. They have been asked to explain the plan, which the mayor and her \
             staff wrote in the spring, but the members were not convinced that the numbers \
             would hold. There are other options, she said, and these could be cheaper than \
             what the port has proposed.",
            "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt für das \
             kommende Jahr beschlossen. Die Mehrheit der Mitglieder stimmte mit der Regierung, \
             und auch die Opposition ist nicht gegen alle Punkte. Die Schulen werden mehr Geld \
             bekommen, und bei den Straßen wird gespart. Der Bürgermeister sagte, dass sich die \
             Lage nach dem Winter bessern werde und dass ein Teil der Mittel für die Bibliothek \
             auf das nächste Jahr verschoben wird.",
            "Le conseil municipal a adopté lundi le nouveau budget après un long débat. Les \
             écoles recevront plus d'argent et les routes seront réparées dans les mois qui \
             viennent. Le maire est satisfait : il a dit que la ville avait été prudente et \
             qu'elle pourra investir dans une nouvelle bibliothèque pour les familles du \
             quartier, avec le soutien des associations qui sont très actives sur ce dossier.",
            "El consejo municipal aprobó el lunes el nuevo presupuesto después de un largo \
             debate. Las escuelas recibirán más dinero y las calles serán reparadas en los \
             próximos meses. El alcalde dijo que la ciudad fue prudente y que su equipo está \
             preparado para abrir una nueva biblioteca para las familias del barrio, con el \
             apoyo de los vecinos y de sus asociaciones, pero sin subir los impuestos.",
        ];
        for text in texts {
            let fast = by_stop_words(text).unwrap_or_else(|| panic!("not settled: {text}"));
            let slow = detect(text);
            assert_eq!(fast.language, slow.language, "{text}");
            assert!(fast.confidence >= MIN_CONFIDENCE);
            assert_eq!(detect_document(text).language, slow.language);
        }
        // Too little evidence, another script, or mixed evidence: whatlang decides.
        assert!(by_stop_words("The council met.").is_none());
        assert!(by_stop_words(&"The minister said it was over. ".repeat(20)).is_none());
        assert!(by_stop_words("市議会は月曜日、新しい予算を承認しました。").is_none());
        assert!(
            by_stop_words(
                "The mayor and the council said that the plan would work. Der Rat und der \
                 Bürgermeister sind nicht sicher, ob der Plan mit dem Geld auch für die Schulen \
                 reicht. They were told that their budget has been cut, which they said was \
                 not what the town had been promised."
            )
            .is_none()
        );
    }
}
