#!/usr/bin/env python3
"""Export the embedded word lists in lexicon/ from the `wordfreq` package.

Not run by the build or CI. Regenerate with:

    pip install wordfreq
    python3 scripts/export_lexicon.py /tmp/lexicon-tsv      # writes /tmp/lexicon-tsv/<lang>.tsv
    cargo run --release --manifest-path scripts/lexicon-fst/Cargo.toml -- /tmp/lexicon-tsv lexicon
                                                            # writes lexicon/<lang>.fst

Each word list keeps the most frequent words of a language (wordfreq's "large" list where it
exists, else "best"), lowercased, made only of letters with inner apostrophes or hyphens, with
its Zipf frequency (log10 of occurrences per billion words) rounded to hundredths. The data is
wordfreq's, licensed CC BY-SA 4.0 (see lexicon/LICENSE).
"""
import re
import sys
from pathlib import Path

import wordfreq

LANGUAGES = ["en", "de", "fr", "es"]
LIMIT = 120_000
MIN_ZIPF = 1.5
WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")


def export(lang: str, out: Path) -> int:
    wordlist = "large" if lang in wordfreq.available_languages(wordlist="large") else "best"
    seen = {}
    for word in wordfreq.iter_wordlist(lang, wordlist=wordlist):
        if len(seen) >= LIMIT:
            break
        z = wordfreq.zipf_frequency(word, lang, wordlist=wordlist)
        if z < MIN_ZIPF:
            break
        w = word.lower().replace("’", "'")
        if not WORD.match(w) or w in seen:
            continue
        seen[w] = z
    with out.open("w", encoding="utf-8") as f:
        for w in sorted(seen, key=lambda s: s.encode("utf-8")):
            f.write(f"{w}\t{round(seen[w] * 100)}\n")
    return len(seen)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/lexicon-tsv")
    root.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        n = export(lang, root / f"{lang}.tsv")
        print(f"{lang}: {n} words")


if __name__ == "__main__":
    main()
