"""One function per write. Each takes the database (its store of record is kpi.records.path_for(db)), the
actor and the inputs; reads the reference data it validates against from the published snapshot;
then, in ONE short store transaction, re-reads the actor's role and scope from the store, checks them,
writes, audits and notes the change for the publisher; and returns a result or raises the refusal
(AccessDenied, UserError, RollbackError, ReviewError …) with its message as a catalogue key and
arguments (kpi.i18n.Msg), worded in the reader's language where it is shown.

The command line (kpi.cli) and the pages only parse, call and show. Layers: pages, kpi.cli ->
kpi.services -> kpi.records, kpi.store -> the core (tests/test_architecture.py).

* accounts: add_user, remove_user, sign_out
* values: import_files, rollback (imports of reported values)
* import_service, import_client: import_files's steps for many `import` commands in one transaction
* approvals: decide (approve, lock, unlock a commune's quarter)
* tasks: report_tasks, report_task, review (task progress, evidence, the province's review)
* plans: save_plan (a commune's plan brought in from Trích xuất kế hoạch)
* publishing: build, publish"""
