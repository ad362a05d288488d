-- The portal's codes already matched: portal code -> official code.
SELECT portal_code, unit_code FROM published_unit WHERE publisher = :publisher;
