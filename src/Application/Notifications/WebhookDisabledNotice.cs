using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Notifications;

/// <summary>
/// Tells an endpoint's owners that it was disabled for failing throughout the retry window: a tenant's members who may
/// configure data connectors, or the platform's admins for a platform endpoint. Queued in the save that disables it.
/// </summary>
public sealed class WebhookDisabledNotice(
    IApplicationDbContext db,
    INotificationRecipients recipients,
    IEmailOutbox mail,
    IOptions<EmailOptions> email
)
{
    public async Task QueueAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        string path;
        string owner;
        IReadOnlyList<NotificationRecipient> people;
        if (endpoint.TenantId is { } tenantId)
        {
            var tenant = await db
                .Tenants.AsNoTracking()
                .Where(t => t.Id == tenantId)
                .Select(t => new { t.Slug, t.Name })
                .SingleOrDefaultAsync(cancellationToken);
            if (tenant is null)
            {
                return;
            }

            path = $"/t/{tenant.Slug}/settings/webhooks/{endpoint.Id}";
            owner = tenant.Name;
            people = await recipients.ConnectorAdminsAsync(tenantId, cancellationToken);
        }
        else
        {
            path = $"/platform/webhooks/{endpoint.Id}";
            owner = "the Natero platform";
            people = await recipients.PlatformStaffAsync(cancellationToken);
        }

        foreach (var person in people)
        {
            mail.Enqueue(NotificationEmails.WebhookDisabled(person, endpoint, owner, path, email.Value));
        }
    }
}
