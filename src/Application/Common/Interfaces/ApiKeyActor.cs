using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// An API key as an actor: what it is called and the most it may do. For a tenant key, <see cref="Scopes"/>
/// are already narrowed to what its creator's membership (<see cref="MembershipId"/>) allows, as of the
/// key's last lookup.
/// </summary>
public sealed record ApiKeyActor(
    Guid Id,
    string Name,
    string DisplayPrefix,
    IReadOnlySet<string> Scopes,
    Guid? MembershipId = null,
    TenantStatus? TenantStatus = null
);
