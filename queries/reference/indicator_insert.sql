INSERT INTO indicator (indicator_code, lower_bound, upper_bound, unit, kind, direction)
VALUES (:indicator_code, :lower_bound, :upper_bound, :unit, :kind, :direction);
