"""Which catalogue indicator a plan's wording names: TF-IDF over syllables and syllable pairs, against
each indicator's name and definition (data/indicators.yaml) and the wordings already curated for it
(data/plans, data/national_targets.csv, data/province_targets.csv). A wording that matches none well
enough becomes a proposed new indicator, never a silent drop.

`Matcher(exclude=seed_file)` leaves one plan's own curated wordings out, so that measuring a plan
(kpi.extract.evaluate) never matches it against its own answers."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kpi import config
from kpi.sources import load_indicators

MATCH_AT = 0.30  # cosine similarity from which a wording names a catalogue indicator
SURE_AT = 0.55  # ... and names it with confidence

# words that every target line shares: they say nothing about which indicator it is
STOP = set(["tỷ", "tỉ", "lệ", "số", "các", "của", "và", "được", "trên", "đạt", "có", "trong", "cho", "với", "từ", "đến", "năm", "người", "là", "theo", "tại", "để", "đối", "một", "những", "này", "phấn", "đấu", "tối", "thiểu", "ít", "nhất", "trở", "lên", "khoảng", "mức", "xã", "phường", "địa", "bàn", "toàn", "tổng", "hơn"])


def words(text: str) -> list[str]:
    """Lowercase syllables (NFC), without bare numbers or punctuation ("5g" and "6g" stay words)."""
    text = unicodedata.normalize("NFC", text).lower()
    return [w for w in re.findall(r"[^\W_]+", text) if w not in STOP and not w.isdigit()]


def features(text: str) -> Counter:
    syllables = words(text)
    return Counter(syllables + [f"{a} {b}" for a, b in itertools.pairwise(syllables)])


@dataclass(frozen=True)
class Match:
    indicator_code: str | None  # None: no catalogue indicator fits (a proposed new one)
    best: str  # the closest catalogue indicator, however far
    score: float
    runner_up: str | None
    runner_up_score: float


class Matcher:
    def __init__(self, exclude: str | None = None, data_dir: Path | None = None) -> None:
        data_dir = data_dir or config.DATA_DIR
        indicators = load_indicators(data_dir / "indicators.yaml")
        phrases: dict[str, list[str]] = {i.code: [i.name_vi, i.definition_vi] for i in indicators}
        self.units = {i.code: i.unit for i in indicators}
        self.names = {i.code: i.name_vi for i in indicators}
        for path in [*sorted((data_dir / "plans").glob("*.csv")), data_dir / "national_targets.csv", data_dir / "province_targets.csv"]:
            if not path.is_file():
                continue
            rows = pl.read_csv(path, infer_schema_length=0)
            if exclude and "seed_file" in rows.columns:
                rows = rows.filter(pl.col("seed_file").fill_null("") != exclude)
            for code, wording in rows.select("indicator_code", "wording_vi").iter_rows():
                if code in phrases and wording:
                    phrases[code].append(wording)
        docs = {code: sum((features(p) for p in texts), Counter()) for code, texts in phrases.items()}
        df = Counter(term for doc in docs.values() for term in doc)
        self.idf = {term: math.log((1 + len(docs)) / (1 + n)) + 1 for term, n in df.items()}
        self.vectors = {code: self._unit(doc) for code, doc in docs.items()}

    def _unit(self, counts: Counter) -> dict[str, float]:
        weights = {t: (1 + math.log(n)) * self.idf.get(t, 0.0) for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items() if w}

    def match(self, wording: str) -> Match:
        query = self._unit(features(wording))
        scores = sorted(
            ((sum(w * vec.get(t, 0.0) for t, w in query.items()), code) for code, vec in self.vectors.items()), reverse=True
        )
        (best, code), (second, other) = scores[0], scores[1]
        return Match(code if best >= MATCH_AT else None, code, round(best, 3), other, round(second, 3))
