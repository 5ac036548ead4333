namespace Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;

public sealed record AcceptedInvitationDto(string TenantSlug, string TenantName, Guid UserId);
