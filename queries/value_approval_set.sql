-- Set a commune's approval state for a quarter (kpi/workflow/review.py decides which moves are allowed).
INSERT OR REPLACE INTO value_approval (commune_code, quarter, state, changed_at, changed_by)
VALUES ($commune, $quarter, $state, $at, $by);
