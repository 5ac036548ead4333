using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>One tenant's connections by status, and the API calls its keys made (last 30 days, today in UTC).</summary>
public sealed record OverviewTenantDto(
    Guid Id,
    string Slug,
    string Name,
    IReadOnlyDictionary<ConnectionStatus, int> ByStatus,
    long ApiCalls30Days,
    long ApiCallsToday,
    DateTimeOffset? LastApiCallAt
)
{
    public int Total => ByStatus.Values.Sum();

    public int Count(ConnectionStatus status) => ByStatus.TryGetValue(status, out var count) ? count : 0;
}
