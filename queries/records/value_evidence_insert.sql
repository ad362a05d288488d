-- An evidence file cited by one imported value of batch :batch.
INSERT INTO value_evidence (batch_id, commune_code, indicator_code, period, sha256, file_name)
VALUES (:batch, :commune_code, :indicator_code, :period, :sha256, :file_name)
ON CONFLICT DO NOTHING;
