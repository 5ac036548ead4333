using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Queries.GetConnections;

/// <summary>A connection as people and automation see it: never its tokens.</summary>
public sealed record ConnectionDto(
    Guid Id,
    string Provider,
    ConnectionEnvironment Environment,
    string? MyDomainHost,
    string ExternalOrgId,
    string ExternalUserId,
    string Username,
    string? DisplayName,
    string InstanceUrl,
    string GrantedScopes,
    ConnectionStatus Status,
    Guid AuthorizedByUserId,
    string? AuthorizedByName,
    DateTimeOffset AuthorizedAt,
    DateTimeOffset? ConfigurationCompletedAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? LastVerifiedAt,
    string? LastErrorCode,
    string? LastErrorMessage,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? SuspendedAt,
    string? SuspensionReason,
    DateTimeOffset? DisconnectedAt,
    int Version
);
