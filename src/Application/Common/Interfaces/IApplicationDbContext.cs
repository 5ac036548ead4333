using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<ProviderConnection> ProviderConnections { get; }
    DbSet<PendingAuthorization> PendingAuthorizations { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<AuditAnchor> AuditAnchors { get; }
    DbSet<AuthorizationLink> AuthorizationLinks { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<SignInSession> SignInSessions { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
