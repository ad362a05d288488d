"""The portal's units matched to the official provinces and communes (vietnam-provinces' codes).

A row is matched by the portal's own code (MA_COQUAN) when an earlier snapshot matched that code, else by name:
a province row's name ("UBND Thành phố Hà Nội", "UBND tỉnh An Giang") among the 34 provinces, a commune row's
("UBND xã Đông Thái - tỉnh An Giang") among the communes of its province, the unit's kind (xã, phường, đặc khu)
included. Names are compared after Unicode normalisation, case folding, collapsed spaces and with each syllable's
tone mark taken off its letter and kept beside it (the old and the new placement, "Hoà" and "Hòa", are one name).
No match, or more than one, is an error of the row: never a guess."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import polars as pl

from kpi.i18n import Msg, msg
from kpi.published.read import PortalRow, Sheet

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
PROVINCE_KINDS = ("thành phố", "tỉnh")


def name_key(name: str) -> str:
    """A name as compared: 'UBND Xã  Hoà Bình' and 'xã hòa bình' give the same key."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()
    out = []
    for word in text.split(" "):
        letters = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in letters if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in letters if c not in TONES)) + tones)
    return " ".join(out)


def _strip_ubnd(name: str) -> str:
    return re.sub(r"^ubnd\s+", "", name_key(name))


def _province_key(name: str) -> str:
    key = _strip_ubnd(name)
    for kind in PROVINCE_KINDS:
        kind_key = name_key(kind)
        if key.startswith(kind_key + " "):
            return key[len(kind_key) + 1:]
    return key


@dataclass(frozen=True)
class Units:
    """The official units: provinces (province_code, name) and communes (commune_code, province_code, name, unit_type)."""

    provinces: pl.DataFrame
    communes: pl.DataFrame

    def province_codes(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for code, name in self.provinces.select("province_code", "name").iter_rows():
            out.setdefault(_province_key(name), []).append(code)
        return out

    def commune_codes(self) -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = {}
        for code, province, name in self.communes.select("commune_code", "province_code", "name").iter_rows():
            out.setdefault((province, name_key(name)), []).append(code)
        return out

    def province_of(self) -> dict[str, str]:
        return dict(self.communes.select("commune_code", "province_code").iter_rows()) | {
            p: p for p in self.provinces["province_code"]}


@dataclass(frozen=True)
class Matched:
    sheet: Sheet
    row_no: int
    row: PortalRow
    unit_code: str  # the official code: a province's 2 digits or a commune's 5
    province_code: str
    by: str  # 'code' (the portal's code, seen before) or 'name'


def _words(codes: list[str]) -> Msg:
    return msg("published_error.no_unit") if not codes else msg("published_error.units", n=len(codes), codes=", ".join(codes))


def _at(where: tuple[str, str, int], said: Msg) -> Msg:
    """FILE: SHEET: row N: said."""
    file, sheet, n = where
    return msg("published_error.at", name=file, sheet=sheet, n=n, said=said)


def match_rows(sheets: list[Sheet], units: Units, known: dict[str, str]) -> tuple[list[Matched], list[str]]:
    """Each row's official unit; `known`: portal code -> official code from earlier snapshots. Errors name
    file, sheet, row and field (TEN: the name that matched no unit or several; MA_COQUAN: a code that now points
    at another unit than the name)."""
    provinces, communes, province_of = units.province_codes(), units.commune_codes(), units.province_of()
    matched, errors = [], []
    for sheet in sheets:
        seen: dict[str, int] = {}
        for n, row in sheet.rows:
            where = (sheet.file, sheet.name, n)
            if row.MA_COQUAN in known and known[row.MA_COQUAN] in province_of:
                code, by = known[row.MA_COQUAN], "code"
            else:
                if sheet.level == "province":
                    codes = provinces.get(_province_key(row.TEN), [])
                else:
                    unit, _, province = row.TEN.rpartition(" - ")
                    in_province = provinces.get(_province_key(province), []) if unit else []
                    if len(in_province) != 1:
                        errors.append(_at(where, msg("published_error.province", name=row.TEN, found=_words(in_province),
                                                     n=len(in_province))))
                        continue
                    codes = communes.get((in_province[0], _strip_ubnd(unit)), [])
                if len(codes) != 1:
                    errors.append(_at(where, msg("published_error.unit", name=row.TEN, found=_words(codes))))
                    continue
                code, by = codes[0], "name"
            if code in seen:
                errors.append(_at(where, msg("published_error.twice", code=code, row=seen[code])))
                continue
            seen[code] = n
            matched.append(Matched(sheet, n, row, code, province_of[code], by))
    return matched, errors
