INSERT INTO unit (commune_code, province_code, commune_name) VALUES (:commune_code, :province_code, :commune_name);
