namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// The database itself refuses to change or remove audit events. The migrations install these; the
/// privileged maintenance paths (and the tests' reset) are the only code that lifts them.
/// </summary>
public static class AuditTriggers
{
    public const string SqliteCreate = """
        CREATE TRIGGER IF NOT EXISTS "AuditEvents_no_update" BEFORE UPDATE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS "AuditEvents_no_delete" BEFORE DELETE ON "AuditEvents"
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS "AuditEvents_no_update";
        DROP TRIGGER IF EXISTS "AuditEvents_no_delete";
        """;

    public const string PostgresCreate = """
        CREATE OR REPLACE FUNCTION natero_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "AuditEvents"
            FOR EACH ROW EXECUTE FUNCTION natero_audit_append_only();
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "AuditEvents"
            FOR EACH STATEMENT EXECUTE FUNCTION natero_audit_append_only();
        """;

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS audit_events_no_truncate ON "AuditEvents";
        DROP TRIGGER IF EXISTS audit_events_append_only ON "AuditEvents";
        DROP FUNCTION IF EXISTS natero_audit_append_only();
        """;
}
