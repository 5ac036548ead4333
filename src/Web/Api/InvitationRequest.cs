namespace Natero.Connectors.Web.Api;

public sealed record InvitationRequest(string? Email, IReadOnlyList<string>? Permissions);
