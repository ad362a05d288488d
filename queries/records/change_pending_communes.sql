-- The communes the changes after a snapshot's touched.
SELECT DISTINCT commune_code FROM change_commune WHERE change_id > :through ORDER BY commune_code;
