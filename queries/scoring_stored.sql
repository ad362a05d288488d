-- The stored indicator scores of one basis and quarter, as composite_index reads them (kpi.store.fold).
SELECT * EXCLUDE (basis, as_of_period) FROM indicator_score WHERE basis = $basis AND as_of_period = $period;
