using Natero.Connectors.Domain.Accounts;
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
    DbSet<AuthorizationLink> AuthorizationLinks { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<SignInSession> SignInSessions { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Who is asking: a signed-in person, an API key (acting for the person who created it, with no more
/// than the key's scopes), or nobody.
/// </summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string? Email { get; }
    string? DisplayName { get; }
    bool IsAuthenticated => UserId is not null;
    bool IsInRole(string role);

    /// <summary>The API key the request came with; null for a person.</summary>
    ApiKeyActor? ApiKey => null;

    /// <summary>The browser session (sign-in) of the request; null for an API key or outside a request.</summary>
    Guid? SessionId => null;

    /// <summary>Whether the signed-in person has a second factor (an authenticator app or a passkey).</summary>
    bool HasSecondFactor => false;
}

/// <summary>
/// An API key as an actor: what it is called and the most it may do. For a tenant key, <see cref="Scopes"/>
/// are already narrowed to what its creator's membership (<see cref="MembershipId"/>) allows, as of the
/// key's last lookup.
/// </summary>
public sealed record ApiKeyActor(Guid Id, string Name, string DisplayPrefix, IReadOnlySet<string> Scopes, Guid? MembershipId = null, TenantStatus? TenantStatus = null);

/// <summary>The tenant the current request acts in, resolved by the entry point (URL or API key).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
    string? TenantSlug { get; }

    void SetTenant(Guid tenantId, string slug);

    /// <summary>Acts in another tenant for the life of the scope; only platform handlers do this.</summary>
    IDisposable EnterTenant(Guid tenantId, string slug);
}

/// <param name="Disabled">Natero staff disabled the account: it signs in no more and its API keys stop.</param>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, bool Disabled = false);

/// <summary>The user accounts, owned by the identity system.</summary>
public interface IUserDirectory
{
    Task<UserSummary?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, UserSummary>> GetByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>
    /// The platform roles the account holds today; empty for an account that no longer exists. A lockout stops
    /// passwords, not what the account already made: its API keys keep working.
    /// </summary>
    Task<IReadOnlySet<string>> GetActiveRolesAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>What became of an <c>Idempotency-Key</c>: a new request to run, or the first answer to replay.</summary>
public abstract record IdempotencyBegin
{
    private IdempotencyBegin()
    {
    }

    /// <summary>The first request with this key: run it, then complete or abandon the record.</summary>
    public sealed record Started(Guid RecordId) : IdempotencyBegin;

    public sealed record Replay(int StatusCode, string? ContentType, string? Location, byte[] Body) : IdempotencyBegin;

    /// <summary>The key was used for a different request.</summary>
    public sealed record Mismatch : IdempotencyBegin;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyBegin;
}

/// <summary>First answers to POSTs sent with an <c>Idempotency-Key</c>, kept for a day, their bodies encrypted.</summary>
public interface IIdempotencyStore
{
    Task<IdempotencyBegin> BeginAsync(string scope, string key, string requestHash, CancellationToken cancellationToken);

    Task CompleteAsync(Guid recordId, int statusCode, string? contentType, string? location, byte[] body, CancellationToken cancellationToken);

    /// <summary>Forgets a request that did not finish, so that a retry runs it again.</summary>
    Task AbandonAsync(Guid recordId, CancellationToken cancellationToken);
}
