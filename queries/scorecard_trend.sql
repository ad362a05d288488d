-- One commune's reported values up to $period_end (a date), per indicator in time order: the small
-- trend lines of the scorecard. $commune: a code.
SELECT indicator_code, period, period_end, value, is_demo
FROM reported
WHERE commune_code = $commune AND period_end <= $period_end
ORDER BY indicator_code, period_end;
