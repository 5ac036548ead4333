using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;

public sealed record AuthorizationLinkDto(
    Guid Id,
    string Provider,
    string Environment,
    string? SignInHost,
    string? ReturnUrl,
    string RequestedBy,
    DateTimeOffset ExpiresAt
);
