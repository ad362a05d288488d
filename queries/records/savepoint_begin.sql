-- One import of the import service's group write (kpi.records.savepoint): its part of the transaction begins.
SAVEPOINT one_import;
