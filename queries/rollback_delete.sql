-- Remove the values of import batch $batch.
DELETE FROM observation WHERE batch_id = $batch AND NOT is_demo;
