using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;

public sealed record AuthorizationLinkDto(
    Guid Id,
    string Provider,
    ConnectionEnvironment Environment,
    string? MyDomainHost,
    string? ReturnUrl,
    string RequestedBy,
    DateTimeOffset ExpiresAt
);
