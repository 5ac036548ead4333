namespace Natero.Connectors.Application.Notifications.Queries.GetNotificationPreferences;

/// <param name="ConnectionEmails">
/// Emails when a connection of a tenant where the person configures connectors breaks, and when it works again.
/// </param>
/// <param name="DailyDigest">The platform's daily digest of every tenant's broken connections.</param>
/// <param name="MayReceiveDigest">The person is platform staff, who alone may opt into the digest.</param>
public sealed record NotificationPreferencesDto(bool ConnectionEmails, bool DailyDigest, bool MayReceiveDigest);
