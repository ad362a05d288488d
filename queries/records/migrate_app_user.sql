-- One app_user row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO app_user (email, role, province_code, added_at, added_by)
VALUES (:email, :role, :province_code, :added_at, :added_by);
