SELECT commune_code, province_code, commune_name FROM unit ORDER BY seq;
