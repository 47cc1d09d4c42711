"""Test records, made here: the repository's own fixture articles (tests/fixtures, fictional news
written for mtlint) cut into paragraphs, plus records generated from the templates below, with
and without defects, languages, sources and ids of every kind.

Every record is a dict of the JSON Lines input: ``id``, ``text``, and optionally ``lang``,
``source_lang`` and ``source``. The generator is seeded: the same records every run.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"

# Invented sentences, one template family per language; {city}, {n} and {name} vary.
TEMPLATES = {
    "en": [
        "The council of {city} approved a budget of {n} million euros on Tuesday.",
        "{name} said the new ferry line would open in spring, weather permitting.",
        "Officials in {city} expect about {n} visitors at the lantern market this year.",
        "The museum will close for repairs, and its collection will tour {city}.",
        "Residents asked why the bridge repairs had taken {n} months longer than planned.",
    ],
    "de": [
        "Der Stadtrat von {city} hat am Dienstag einen Haushalt von {n} Millionen Euro beschlossen.",
        "{name} sagte, die neue Fährlinie werde im Frühjahr eröffnet.",
        "In {city} werden in diesem Jahr etwa {n} Besucher auf dem Laternenmarkt erwartet.",
    ],
    "fr": [
        "Le conseil municipal de {city} a adopté mardi un budget de {n} millions d'euros.",
        "{name} a déclaré que la nouvelle ligne de ferry ouvrirait au printemps.",
        "À {city}, on attend cette année environ {n} visiteurs au marché des lanternes.",
    ],
    "es": [
        "El ayuntamiento de {city} aprobó el martes un presupuesto de {n} millones de euros.",
        "{name} dijo que la nueva línea de ferry abriría en primavera.",
        "En {city} se esperan este año unos {n} visitantes en el mercado de farolillos.",
    ],
    "zh": [
        "{city}市议会周二批准了{n}百万欧元的预算。",
        "官员预计今年灯笼市场将迎来约{n}名游客。",
    ],
    "ja": [
        "{city}市議会は火曜日、{n}百万ユーロの予算を承認した。",
        "当局は今年、ランタン市場に約{n}人の来場者を見込んでいる。",
    ],
}
CITIES = ["Norrvik", "Castelmar", "Havenford", "Ostrau", "Valdemora", "Saint-Aubel"]
NAMES = ["Mira Okonkwo", "Tomas Lindqvist", "Ana Beltrán", "Chen Weilin", "Yusuf Demir"]
# Japanese sources for English targets (bilingual records).
SOURCES_JA = [
    ("市議会は予算を承認した。", "The city council approved the budget."),
    ("フェリーは春に運航を始める。", "The ferry will start running in spring."),
    ("博物館は修理のため閉館する。", "The museum will close for repairs."),
]


def _defect(rng: random.Random, lang: str, text: str) -> str:
    """One machine-translation-like defect put into ``text`` (or none)."""
    words = text.split(" ")
    kind = rng.randrange(7)
    if kind == 0 and len(words) > 3:  # a doubled word
        i = rng.randrange(1, len(words) - 1)
        words.insert(i, words[i])
        return " ".join(words)
    if kind == 1 and len(words) > 3:  # two words glued
        i = rng.randrange(1, len(words) - 2)
        words[i : i + 2] = [words[i] + words[i + 1]]
        return " ".join(words)
    if kind == 2:  # broken Unicode
        return text.replace("e", "\u00c3\u00a9", 1)
    if kind == 3:  # pasted page furniture
        return text + "\n\nShare this article on social media. Subscribe to our newsletter."
    if kind == 4 and lang != "ja":  # untranslated Japanese left in the target
        return text + " 関係者によると、計画は来月始まる予定だ。"
    if kind == 5:  # a sentence cut in two
        return text.rstrip(".。") + ". And which."
    return text


def generated(count: int = 180, seed: int = 14) -> list:
    """``count`` records from the templates: clean and damaged, several per language."""
    rng = random.Random(seed)
    langs = sorted(TEMPLATES)
    out = []
    for k in range(count):
        lang = langs[k % len(langs)]
        parts = []
        for _ in range(rng.randrange(1, 4)):
            t = rng.choice(TEMPLATES[lang])
            parts.append(
                t.format(city=rng.choice(CITIES), n=rng.randrange(2, 900), name=rng.choice(NAMES))
            )
        sep = "" if lang in ("zh", "ja") else " "
        text = sep.join(parts)
        if rng.random() < 0.6:
            text = _defect(rng, lang, text)
        record = {"id": f"gen-{k}", "text": text}
        # Most records name their language; some leave it to detection.
        if rng.random() < 0.8:
            record["lang"] = lang
        out.append(record)
    # Bilingual records: an English target checked against its Japanese source.
    for k in range(24):
        src, tgt = SOURCES_JA[k % len(SOURCES_JA)]
        if k % 3 == 1:
            tgt = tgt.replace("the ", "the the ", 1)
        if k % 3 == 2:
            tgt = tgt[:-1] + " 予算"
        out.append(
            {"id": f"pair-{k}", "text": tgt, "lang": "en", "source_lang": "ja", "source": src}
        )
    # Ids that are not strings are reported as their JSON, as the CLI does.
    out.append({"id": 7, "text": "The the harbour reopened on Friday.", "lang": "en"})
    out.append({"id": 2.5, "text": "Le port a rouvert vendredi.", "lang": "fr"})
    return out


def _lang_of(path: Path):
    """The target and source language a fixture's name gives (``x.ja-en.txt``, ``x.de.txt``)."""
    m = re.search(r"\.([a-z]{2})(?:-([a-z]{2}))?\.txt$", path.name)
    if not m:
        return "en", None
    if m.group(2):
        return m.group(2), m.group(1)
    return m.group(1), None


def from_fixtures(limit: int = 200) -> list:
    """The fixture articles, whole and cut into paragraphs."""
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lang, source_lang = _lang_of(path)
        base = {"lang": lang}
        if source_lang:
            base["source_lang"] = source_lang
        out.append({"id": path.name, "text": text, **base})
        for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
            out.append({"id": f"{path.name}#{i}", "text": para, **base})
    return out[:limit]


def all_records() -> list:
    return from_fixtures() + generated()
