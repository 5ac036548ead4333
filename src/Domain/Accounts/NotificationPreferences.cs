using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Accounts;

/// <summary>
/// What a person wants to be emailed about. Without a row, the defaults apply: connection emails on (for the
/// tenants where the person may configure data connectors), the platform's daily digest off.
/// </summary>
public sealed class NotificationPreferences : Entity
{
    private NotificationPreferences() { }

    public Guid UserId { get; private set; }

    /// <summary>Emails when a connection needs someone (and when it recovers).</summary>
    public bool ConnectionEmails { get; private set; } = true;

    /// <summary>Platform staff only: one email a day listing every tenant's broken connections.</summary>
    public bool DailyDigest { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationPreferences For(Guid userId) => new() { UserId = Guard.NotEmpty(userId, "User id") };

    public void Set(bool connectionEmails, bool dailyDigest, DateTimeOffset now)
    {
        ConnectionEmails = connectionEmails;
        DailyDigest = dailyDigest;
        UpdatedAt = now;
    }
}
