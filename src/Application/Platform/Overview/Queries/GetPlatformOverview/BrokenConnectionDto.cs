using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>A connection that does not work, since when (as far as the records tell), and why.</summary>
public sealed record BrokenConnectionDto(
    Guid Id,
    string TenantSlug,
    string TenantName,
    string Provider,
    string ExternalOrgId,
    string? AccountName,
    ConnectionStatus Status,
    DateTimeOffset? BrokenSince,
    string? Reason
);
