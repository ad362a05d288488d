-- Every reviewer's word, as the store holds it (tests and exports).
SELECT * FROM value_review;
