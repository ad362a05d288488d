-- Values just written (registered as `written`: commune_code, period_end) make their commune's quarter
-- "submitted" again: an approval covers the values it saw. (Locked quarters never get here: the import
-- refuses them.)
INSERT OR REPLACE INTO value_approval (commune_code, quarter, state, changed_at, changed_by)
SELECT DISTINCT commune_code, strftime(period_end, '%Y') || '-Q' || quarter(period_end), 'submitted', $at, $by
FROM written;
