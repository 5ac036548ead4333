using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Application.Notifications;

/// <summary>
/// Emails the people who can mend a connection when it breaks (it needs authorizing again, or its API access was
/// taken away) and again when it works. Called by the dispatcher once per event, in the unit of work that marks
/// the event dispatched, so each state change gives each recipient one email whatever the number of instances.
/// Everything the email says comes from the event's body (names, ids, statuses, the reason) and the provider's own
/// words: the connection row with its tokens is never read.
/// </summary>
internal sealed class ConnectionNotifications(
    IApplicationDbContext db,
    INotificationRecipients recipients,
    IOAuthProviderRegistry providers,
    IEmailOutbox mail,
    IOptions<EmailOptions> email
) : IEventConsumer
{
    public async Task ConsumeAsync(OutboundEvent outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        if (outbound.TenantId is not { } tenantId || Notice.Of(outbound) is not { } notice)
        {
            return;
        }

        var tenant = await db
            .Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => new { t.Slug, t.Name })
            .SingleOrDefaultAsync(cancellationToken);
        var people = tenant is null ? [] : await recipients.ConnectorAdminsAsync(tenantId, cancellationToken);
        if (tenant is null || people.Count == 0)
        {
            return;
        }

        var descriptor = providers.Find(notice.Provider)?.Descriptor;
        var connection = new NotifiedConnection(
            notice.ConnectionId,
            tenant.Slug,
            tenant.Name,
            descriptor?.DisplayName ?? notice.Provider,
            descriptor?.AccountNoun ?? "account",
            notice.ExternalOrgId,
            notice.AccountName
        );
        foreach (var person in people)
        {
            mail.Enqueue(
                notice.Broken is { } status
                    ? NotificationEmails.NeedsAction(
                        person,
                        connection,
                        status,
                        notice.Reason,
                        Steps(status, connection.ProviderName, descriptor),
                        ConnectionChange.NeedsNewGrant(status) ? descriptor?.SignInHelp : null,
                        email.Value
                    )
                    : NotificationEmails.Recovered(person, connection, email.Value)
            );
        }
    }

    /// <summary>What a person does about <paramref name="status"/>, in the provider's words where it has them.</summary>
    private static List<string> Steps(ConnectionStatus status, string providerName, ProviderDescriptor? descriptor)
    {
        var requirement = descriptor?.AccessRequirement is { Length: > 0 } required ? $" {required}" : string.Empty;
        if (ConnectionChange.NeedsNewGrant(status))
        {
            return
            [
                "Open the connection in Natero (the link below) and click Reauthorize.",
                $"Sign in to {providerName} and allow Natero's access.{requirement}",
            ];
        }

        List<string> steps = descriptor?.ApiAccessFixIt is { Count: > 0 } fixIt
            ? [.. fixIt]
            : [$"Ask a {providerName} administrator to give the connected user API access.{requirement}"];
        steps.Add("Then open the connection in Natero (the link below) and click Verify now, or Reauthorize.");
        return steps;
    }

    /// <summary>What a connection event says, when it is one people are emailed about.</summary>
    private sealed record Notice(
        Guid ConnectionId,
        string Provider,
        string ExternalOrgId,
        string? AccountName,
        string? Reason,
        ConnectionStatus? Broken
    )
    {
        public static Notice? Of(OutboundEvent outbound)
        {
            var breaks = outbound.Type is EventTypes.ConnectionNeedsReauthorization or EventTypes.ConnectionApiAccessDisabled;
            var mends = outbound.Type is EventTypes.ConnectionRecovered or EventTypes.ConnectionReauthorized;
            if (!(breaks || mends) || JsonNode.Parse(outbound.Payload)?["data"] is not JsonObject data)
            {
                return null;
            }

            // Authorizing again is news only when the connection did not work before; otherwise nobody was told it broke.
            var wasBroken = Status(data["previousStatus"]) is { } before && ConnectionChange.IsBroken(before);
            var broken = breaks ? Status(data["status"]) : null;
            if ((breaks && broken is null) || (outbound.Type == EventTypes.ConnectionReauthorized && !wasBroken))
            {
                return null;
            }

            if (!Guid.TryParse((string?)data["connectionId"], out var id) || (string?)data["provider"] is not { Length: > 0 } provider)
            {
                return null;
            }

            var orgId = (string?)data["externalOrgId"] ?? "?";
            return new Notice(id, provider, orgId, (string?)data["accountName"], (string?)data["reason"], broken);
        }

        private static ConnectionStatus? Status(JsonNode? value) =>
            Enum.TryParse<ConnectionStatus>((string?)value, out var status) ? status : null;
    }
}
