SELECT indicator_code, lower_bound, upper_bound, unit, kind, direction FROM indicator;
