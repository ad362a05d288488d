"""The province's review of task reports (seed 003, IV.2.2): ReviewError, the refusal of a review.

A reported completion waits for a province reviewer, who accepts it (the task is done and counts) or returns
it with a reason (the task shows "Chờ hoàn thiện", does not count, and raises a red alert until the commune
reports it again and the new report is accepted). The write is kpi.services.tasks.review; the approval of
reported values is kpi.approvals."""


class ReviewError(ValueError):
    """A decision that cannot be made now (its message a catalogue key and arguments, kpi.i18n.Msg)."""
