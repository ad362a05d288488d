"""What each reader may see of the lists of people's records (issue 33, item 7): an editor of one commune does
not see other communes' import batches (with the importer's e-mail), values' import history, evidence or
reports; a province reviewer sees their province's; an administrator everything; a viewer or someone not
signed in none of them. Pure logic on frames the services read (no Streamlit); the writes check scope again
(kpi.accounts.Actor.covers)."""

from __future__ import annotations

import polars as pl

from kpi.accounts import Actor


def communes_covered(actor: Actor | None, units: pl.DataFrame) -> set[str]:
    """The communes (units: commune_code, province_code) within the actor's scope; none without an actor."""
    if actor is None:
        return set()
    return {c for c, p in units.select("commune_code", "province_code").iter_rows() if actor.covers(c, p)}


def batches(actor: Actor | None, frame: pl.DataFrame, communes_of: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """The import batches (frame: batch_id, imported_by …) this actor may see: an administrator all; anyone
    else those they imported and those whose every commune (communes_of: batch_id, commune_code) is within
    their scope. A batch touching a commune outside it stays hidden: its file names and importer are another
    unit's."""
    if actor is None:
        return frame.clear()
    if actor.role == "admin":
        return frame
    mine = communes_covered(actor, units)
    outside = communes_of.filter(~pl.col("commune_code").is_in(list(mine)))["batch_id"].unique().to_list()
    known = communes_of["batch_id"].unique().to_list()
    return frame.filter((pl.col("imported_by") == actor.email)
                        | (pl.col("batch_id").is_in(known) & ~pl.col("batch_id").is_in(outside)))


def sees_history(actor: Actor | None, commune: str, province: str | None) -> bool:
    """Whether a commune's value history (who imported what, when, from which file) is shown to this reader:
    the commune's editors, its province's reviewers, administrators."""
    return actor is not None and actor.role != "viewer" and actor.covers(commune, province)


PEOPLE = ("reported_by", "reviewed_by", "note", "review_reason")  # a task report's people and words (task_board)


def without_people(actor: Actor | None, board: pl.DataFrame) -> pl.DataFrame:
    """The board (commune_code, province_code …) with who reported and reviewed each task, the note and the
    review's reason emptied outside the reader's scope: the statuses are public, the people and their words the
    commune's and its province's."""
    present = [c for c in PEOPLE if c in board.columns]
    if (actor is not None and actor.role == "admin") or not present or not board.height:
        return board
    mine = communes_covered(actor, board.select("commune_code", "province_code").unique())
    inside = pl.col("commune_code").is_in(list(mine))
    return board.with_columns(pl.when(inside).then(pl.col(c)).otherwise(pl.lit(None)).alias(c) for c in present)


def outside_write(actor: Actor | None, actions: tuple[str, ...], communes: tuple[str, ...],
                  units: pl.DataFrame) -> tuple[str, ...] | None:
    """What a page shows outside the actor's write scope, for a person who may do one of `actions` there: of the
    communes chosen (units: the shown province's commune_code, province_code), those they may not write; with
    none chosen, the whole province (the empty tuple) when they may write for none of its communes. None when all
    they see is theirs to write, or they write nothing here (no notice to give)."""
    if actor is None or actor.role == "admin" or not any(actor.may(a) for a in actions):
        return None
    mine = communes_covered(actor, units)
    if communes:
        outside = tuple(c for c in communes if c not in mine)
        return outside or None
    return () if units.height and not mine else None
