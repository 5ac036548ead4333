using Natero.Connectors.Application.Common.Results;
using Microsoft.EntityFrameworkCore;
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
    DbSet<ApiKey> ApiKeys { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Who is asking: a signed-in person, or nobody.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string? Email { get; }
    string? DisplayName { get; }
    bool IsAuthenticated => UserId is not null;
    bool IsInRole(string role);
}

/// <summary>The tenant the current request acts in, resolved by the entry point (URL or API key).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
    string? TenantSlug { get; }

    void SetTenant(Guid tenantId, string slug);

    /// <summary>Acts in another tenant for the life of the scope; only platform handlers do this.</summary>
    IDisposable EnterTenant(Guid tenantId, string slug);
}

public sealed record UserSummary(Guid Id, string Email, string DisplayName);

public sealed record CreatedUser(UserSummary User, string InitialPassword);

/// <summary>The user accounts, owned by the identity system.</summary>
public interface IUserDirectory
{
    Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, UserSummary>> GetByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Creates an account with a generated password that the caller shows once.</summary>
    Task<Result<CreatedUser>> CreateAsync(string email, string? displayName, CancellationToken cancellationToken);
}
