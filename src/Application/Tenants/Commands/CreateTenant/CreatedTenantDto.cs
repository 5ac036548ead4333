namespace Natero.Connectors.Application.Tenants.Commands.CreateTenant;

public sealed record CreatedTenantDto(Guid TenantId, string Slug, string Name, string AdminEmail, Guid InvitationId);
