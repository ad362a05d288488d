-- One value_draft row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO value_draft (email, commune_code, period, indicator_code, value, note, saved_at)
VALUES (:email, :commune_code, :period, :indicator_code, :value, :note, :saved_at);
