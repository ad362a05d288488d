INSERT INTO history (indicator_code, commune_code, province_code, history)
VALUES (:indicator_code, :commune_code, :province_code, :history);
