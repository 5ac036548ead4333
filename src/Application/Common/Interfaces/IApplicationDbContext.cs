using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<ProviderConnection> ProviderConnections { get; }
    DbSet<PendingAuthorization> PendingAuthorizations { get; }
    DbSet<GrantRevocation> GrantRevocations { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<AuditAnchor> AuditAnchors { get; }
    DbSet<AuditCheckpoint> AuditCheckpoints { get; }
    DbSet<AuthorizationLink> AuthorizationLinks { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<SignInSession> SignInSessions { get; }
    DbSet<OutboundEvent> OutboundEvents { get; }
    DbSet<WebhookEndpoint> WebhookEndpoints { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<NotificationPreferences> NotificationPreferences { get; }
    DbSet<ScheduledRun> ScheduledRuns { get; }
    DbSet<ConnectionVerification> ConnectionVerifications { get; }
    DbSet<ApiCallTally> ApiCallTallies { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a transaction in which no other unit of work holding <paramref name="lockName"/> runs, on any
    /// instance: for a read that decides a write ("is there a connection for this org yet?") which two callers
    /// must not both make. The lock is the transaction's, so it costs no round trip of its own to release; it is
    /// taken before the transaction's first read, in that read's round trip where the database allows; and it
    /// must never be held across a call to another system.
    /// </summary>
    Task<ILockedTransaction> BeginLockedAsync(string lockName, CancellationToken cancellationToken);
}
