namespace Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;

public sealed record MemberPermissionsChangedDto(Guid MembershipId, IReadOnlyList<string> Granted, IReadOnlyList<string> Revoked);
