-- One value_approval row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO value_approval (commune_code, quarter, state, changed_at, changed_by)
VALUES (:commune_code, :quarter, :state, :changed_at, :changed_by);
