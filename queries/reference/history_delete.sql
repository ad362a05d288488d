-- A publication's touched communes (:communes, a JSON array) before their rows are written again.
DELETE FROM history WHERE commune_code IN (SELECT value FROM json_each(:communes));
