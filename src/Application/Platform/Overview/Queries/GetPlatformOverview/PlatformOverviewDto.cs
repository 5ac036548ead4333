using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>
/// Every tenant's connections at a glance: counts by status and provider, the broken ones first, the last 30 days of
/// checks and refresh failures (oldest day first, every day present), and API calls per tenant.
/// </summary>
public sealed record PlatformOverviewDto(
    IReadOnlyList<StatusCountDto> ByStatus,
    IReadOnlyList<ProviderCountDto> ByProvider,
    IReadOnlyList<OverviewTenantDto> Tenants,
    IReadOnlyList<BrokenConnectionDto> Broken,
    IReadOnlyList<OverviewDayDto> Days,
    long PlatformKeyCalls
)
{
    public int Total => ByStatus.Sum(s => s.Count);

    public static IReadOnlyList<ConnectionStatus> Statuses { get; } = Enum.GetValues<ConnectionStatus>();
}
