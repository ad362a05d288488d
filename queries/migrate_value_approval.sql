-- The value_approval rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT commune_code, quarter, state, changed_at, changed_by
FROM value_approval;
