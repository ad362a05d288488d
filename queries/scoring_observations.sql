-- Inputs of the scoring method: reported values (real over demo) up to $as_of (a date); with
-- $approved_only, only real values of a commune's quarter the province approved or locked.
SELECT r.commune_code, r.indicator_code, r.period_end, r.value
FROM reported r
WHERE r.period_end <= $as_of
  AND (NOT $approved_only OR (NOT r.is_demo AND EXISTS (
      SELECT 1 FROM value_approval a
      WHERE a.commune_code = r.commune_code AND a.state IN ('approved', 'locked')
        AND a.quarter = strftime(r.period_end, '%Y') || '-Q' || quarter(r.period_end))));
