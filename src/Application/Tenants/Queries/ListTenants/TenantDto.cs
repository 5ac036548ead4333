using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Queries.ListTenants;

public sealed record TenantDto(Guid Id, string Slug, string Name, TenantStatus Status, DateTimeOffset CreatedAt, int MemberCount);
