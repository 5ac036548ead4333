namespace Natero.Connectors.Infrastructure.Audit;

/// <summary><c>Audit:RetentionDays</c> (at least 30; default 400) and <c>Audit:ArchiveDirectory</c>.</summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "Audit";

    public int RetentionDays { get; set; } = 400;

    public string ArchiveDirectory { get; set; } = "audit-archive";
}
