using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Security;

/// <summary>What a tenant's access depends on besides the membership: read with it, in the same query.</summary>
public sealed record TenantRules(Guid Id, string Slug, TenantStatus Status, bool RequireSecondFactor);
