using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Queries.GetConnections;

/// <summary>A connection as people and automation see it: never its tokens.</summary>
public sealed record ConnectionDto(
    Guid Id,
    string Provider,
    string Environment,
    string? SignInHost,
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
    int Version,
    string? AccountName = null,
    string? AccountEdition = null,
    long? ApiRequestsMax = null,
    long? ApiRequestsRemaining = null
)
{
    /// <summary>Below a tenth of the provider's daily API allowance is left: the pages warn.</summary>
    public bool ApiAllowanceLow => ApiRequestsMax > 0 && ApiRequestsRemaining * 10 < ApiRequestsMax;
}
