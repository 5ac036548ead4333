using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Queries.ListMyTenants;

public sealed record MyTenantDto(Guid Id, string Slug, string Name, TenantStatus Status);
