-- A commune whose values or approvals a write changed: rescored at the next publication.
INSERT INTO change_commune (change_id, commune_code) VALUES (:change, :commune) ON CONFLICT DO NOTHING;
