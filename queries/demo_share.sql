-- Whether any value the dashboard shows is demo data, and how many values are real.
SELECT coalesce(bool_or(is_demo), false) AS any_demo,
       count(*) FILTER (WHERE NOT is_demo) AS real_values,
       count(*) AS all_values
FROM reported;
