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

    /// <summary>The retention archive's anchors are as permanent as the events they stand in for.</summary>
    public const string AnchorsSqliteCreate = """
        CREATE TRIGGER IF NOT EXISTS "AuditAnchors_no_update" BEFORE UPDATE ON "AuditAnchors"
        BEGIN SELECT RAISE(ABORT, 'audit anchors are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS "AuditAnchors_no_delete" BEFORE DELETE ON "AuditAnchors"
        BEGIN SELECT RAISE(ABORT, 'audit anchors are append-only'); END;
        """;

    public const string AnchorsSqliteDrop = """
        DROP TRIGGER IF EXISTS "AuditAnchors_no_update";
        DROP TRIGGER IF EXISTS "AuditAnchors_no_delete";
        """;

    /// <remarks>
    /// On PostgreSQL only the table's owner (or a superuser) may add an anchor, whatever rights the
    /// application's role was granted: an anchor tells the verifier where a chain starts.
    /// </remarks>
    public const string AnchorsPostgresCreate = """
        CREATE OR REPLACE FUNCTION natero_audit_anchor_owner_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                RAISE EXCEPTION 'only the owner of the audit log records its anchors' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER audit_anchors_owner_only BEFORE INSERT ON "AuditAnchors"
            FOR EACH ROW EXECUTE FUNCTION natero_audit_anchor_owner_only();
        CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON "AuditAnchors"
            FOR EACH ROW EXECUTE FUNCTION natero_audit_append_only();
        CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON "AuditAnchors"
            FOR EACH STATEMENT EXECUTE FUNCTION natero_audit_append_only();
        """;

    public const string AnchorsPostgresDrop = """
        DROP TRIGGER IF EXISTS audit_anchors_no_truncate ON "AuditAnchors";
        DROP TRIGGER IF EXISTS audit_anchors_append_only ON "AuditAnchors";
        DROP TRIGGER IF EXISTS audit_anchors_owner_only ON "AuditAnchors";
        DROP FUNCTION IF EXISTS natero_audit_anchor_owner_only();
        """;

    /// <summary>
    /// The retention archive's removal, in one transaction. On PostgreSQL only the table's owner may
    /// disable its triggers, so the application's role (which owns nothing) cannot do this.
    /// </summary>
    public const string PostgresLiftForArchive = """ALTER TABLE "AuditEvents" DISABLE TRIGGER audit_events_append_only""";

    public const string PostgresRestoreAfterArchive = """ALTER TABLE "AuditEvents" ENABLE TRIGGER audit_events_append_only""";
}
