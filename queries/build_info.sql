-- Facts about the build: data version, build time, demo scope.
SELECT key, value FROM build_info ORDER BY key;
