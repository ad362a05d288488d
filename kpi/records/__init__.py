"""The store of record: everything people enter (accounts, imported values and their batches, task reports
and evidence records, reviews, approvals, sign-outs, the audit log), one short transaction per write, in
SQLite (Python's sqlite3, WAL mode) beside the database, or in PostgreSQL when KPI_RECORDS_URL names one.

* store: the file, its statements (queries/records/*.sql), connections and transactions.
* changes: what each write changed, for the publisher (kpi.store.publisher) to fold into the next snapshot.

The DuckDB snapshot the pages read is derived from data/, the demo values and this store; it is never
where a person's write lands. No Streamlit here."""

from kpi.records.store import (
    ERRORS,
    URL_SETTING,
    Busy,
    Connection,
    StoreError,
    Unavailable,
    begin_read,
    busy,
    connect,
    engine,
    execute,
    executemany,
    one,
    path_for,
    read_only,
    revoke,
    revoked_at,
    run,
    savepoint,
    session,
    sqlite_statement,
    stamp,
    statement,
    transaction,
    url,
    where,
)

__all__ = ["ERRORS", "URL_SETTING", "Busy", "Connection", "StoreError", "Unavailable", "begin_read", "busy", "connect", "engine", "execute",
           "executemany", "one", "path_for", "read_only", "revoke", "revoked_at", "run", "savepoint", "session", "sqlite_statement", "stamp", "statement",
           "transaction", "url", "where"]
