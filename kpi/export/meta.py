"""What an export says about itself: title, the filters actually applied, data version, export time in
Vietnam time, whether it holds demo values, and where its numbers come from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kpi.i18n import VIETNAM, now_in_vietnam, t


@dataclass(frozen=True)
class Meta:
    title: str
    filters: list[tuple[str, str]]  # (name, value) in the reader's language: only filters that shaped the rows
    data_version: str
    demo: bool | None  # None: the table holds no reported values (targets, units, the catalogue)
    sources: list[str]  # queries/NAME.sql and the data files behind them
    exported_at: datetime = field(default_factory=now_in_vietnam)

    def rows(self, lang: str) -> list[tuple[str, str]]:
        """The Thông tin sheet and the CSV's first lines, as (label, value)."""
        when = self.exported_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
        out = [(t("export.meta.title", lang), self.title)]
        out += [(f"{t('export.meta.filter', lang)}: {name}", value) for name, value in self.filters]
        if not self.filters:
            out.append((t("export.meta.filter", lang), t("export.meta.no_filter", lang)))
        out += [
            (t("app.data_version", lang), self.data_version),
            (t("export.meta.exported_at", lang), t("export.meta.vietnam_time", lang, when=when)),
            (t("export.meta.demo", lang), t("export.meta.no_values", lang) if self.demo is None else (
                t("demo.export", lang) if self.demo else t("real.export", lang))),
            (t("export.meta.sources", lang), "; ".join(self.sources)),
        ]
        return out
