-- Inputs of the scoring method: what each indicator is and how it is bounded.
SELECT indicator_code, group_code, direction, kind, lower_bound, upper_bound FROM indicator;
