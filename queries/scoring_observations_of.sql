-- scoring_observations.sql for some communes only ($communes): what a publication rescores (kpi.store.fold).
SELECT r.commune_code, r.indicator_code, r.period_end, r.value
FROM reported r
WHERE r.period_end <= $as_of
  AND r.commune_code IN (SELECT unnest($communes))
  AND (NOT $approved_only OR (NOT r.is_demo AND EXISTS (
      SELECT 1 FROM value_approval a
      WHERE a.commune_code = r.commune_code AND a.state IN ('approved', 'locked')
        AND a.quarter = strftime(r.period_end, '%Y') || '-Q' || quarter(r.period_end))));
