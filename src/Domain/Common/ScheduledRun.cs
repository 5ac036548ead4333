namespace Natero.Connectors.Domain.Common;

/// <summary>
/// Claims a periodic job's run (e.g. "digest:2026-12-04"): its key is unique, so of several instances that try to
/// do the same run, the database lets exactly one insert the row and do it.
/// </summary>
public sealed class ScheduledRun : Entity
{
    private ScheduledRun()
    {
        Key = null!;
    }

    public string Key { get; private set; }
    public DateTimeOffset RanAt { get; private set; }

    public static ScheduledRun Claim(string key, DateTimeOffset now) => new() { Key = Guard.NotBlank(key, "Key", 128), RanAt = now };
}
