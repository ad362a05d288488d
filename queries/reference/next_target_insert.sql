INSERT INTO next_target (commune_code, indicator_code, year, comparator, value, value_max)
VALUES (:commune_code, :indicator_code, :year, :comparator, :value, :value_max);
