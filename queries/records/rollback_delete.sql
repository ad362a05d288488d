-- Remove the values of import batch :batch.
DELETE FROM real_value WHERE batch_id = :batch;
