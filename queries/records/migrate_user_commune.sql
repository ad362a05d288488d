-- One user_commune row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO user_commune (email, commune_code)
VALUES (:email, :commune_code);
