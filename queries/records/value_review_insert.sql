-- A reviewer's word on a commune's quarter (kpi.approvals.decide): the move, the state it led to, the reason.
INSERT INTO value_review (commune_code, quarter, move, state, reason, reviewed_at, reviewed_by)
VALUES (:commune, :quarter, :move, :state, :reason, :at, :by);
