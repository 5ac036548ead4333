namespace Natero.Connectors.Application.Notifications;

/// <summary>
/// Who is told when something needs a person: read across tenants, since the events and the digest that ask
/// arrive outside any request. Accounts that are disabled are never among them; each list is ordered by email.
/// </summary>
public interface INotificationRecipients
{
    /// <summary>
    /// The members of <paramref name="tenantId"/> who hold Configure data connectors and have not switched
    /// connection emails off.
    /// </summary>
    Task<IReadOnlyList<NotificationRecipient>> ConnectorAdminsAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The platform staff (any platform role) who opted into the daily digest of broken connections.</summary>
    Task<IReadOnlyList<NotificationRecipient>> DigestSubscribersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The platform staff who may manage the platform's own settings (platform admins; auditors only read) and
    /// have not switched connection emails off: whom to tell about the platform's webhook endpoints.
    /// </summary>
    Task<IReadOnlyList<NotificationRecipient>> PlatformStaffAsync(CancellationToken cancellationToken);
}
