namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

public sealed record CreatedAuthorizationLinkDto(Guid Id, string Token, DateTimeOffset ExpiresAt);
