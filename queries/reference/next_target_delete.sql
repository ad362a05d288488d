DELETE FROM next_target WHERE commune_code IN (SELECT value FROM json_each(:communes));
