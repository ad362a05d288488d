-- Set a commune's approval state for a quarter (kpi.approvals decides which moves are allowed; an import or
-- a rollback sets "submitted").
INSERT INTO value_approval (commune_code, quarter, state, changed_at, changed_by)
VALUES (:commune, :quarter, :state, :at, :by)
ON CONFLICT (commune_code, quarter) DO UPDATE SET
    state = excluded.state, changed_at = excluded.changed_at, changed_by = excluded.changed_by;
