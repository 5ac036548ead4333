using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;
using Natero.Connectors.Web.Common.Charts;
using Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

namespace Natero.Connectors.Web.Pages.Platform;

/// <summary>The first page platform staff see: every tenant's connections at a glance, with charts drawn on the server.</summary>
public sealed class OverviewModel(ISender sender, TimeProvider time) : PageModel
{
    public PlatformOverviewDto? Overview { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyList<ProviderDto> Providers { get; private set; } = [];

    public string ProviderName(string key) => Providers.FirstOrDefault(p => p.Key == key)?.DisplayName ?? key;

    public string AccountNoun(string key) => Providers.FirstOrDefault(p => p.Key == key)?.AccountNoun ?? "account";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetPlatformOverviewQuery(), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Overview = result.Value;
        Now = time.GetUtcNow();
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        Providers = providers.IsSuccess ? providers.Value : [];
        return Page();
    }

    public BarChart StatusChart() =>
        new(
            "chart-status",
            "Connections by status",
            [new ChartSeries("Connections", 1)],
            [.. Overview!.ByStatus.Select(s => new ChartBar(ConnectionWords.Status(s.Status), [s.Count]))]
        )
        {
            Rows = true,
            LabelHeader = "Status",
        };

    public BarChart ProviderChart() =>
        new(
            "chart-provider",
            "Connections by provider",
            [new ChartSeries("Working or waiting", 1), new ChartSeries("Broken", 3, Hatched: true)],
            [.. Overview!.ByProvider.Select(p => new ChartBar(ProviderName(p.Provider), [p.Count - p.Broken, p.Broken]))]
        )
        {
            Rows = true,
            LabelHeader = "Provider",
        };

    public BarChart ChecksChart() =>
        new(
            "chart-checks",
            $"Connection checks per day, last {Overview!.Days.Count} days (UTC)",
            [new ChartSeries("Passed", 2), new ChartSeries("Failed", 3, Hatched: true)],
            [.. Overview.Days.Select(d => new ChartBar(Day(d.Day), [d.HealthyChecks, d.FailedChecks]))]
        )
        {
            LabelEvery = 7,
            LabelHeader = "Day",
        };

    public BarChart RefreshFailuresChart() =>
        new(
            "chart-refresh-failures",
            $"Token refresh failures per day, last {Overview!.Days.Count} days (UTC)",
            [new ChartSeries("Refresh failures", 3, Hatched: true)],
            [.. Overview.Days.Select(d => new ChartBar(Day(d.Day), [d.RefreshFailures]))]
        )
        {
            LabelEvery = 7,
            LabelHeader = "Day",
        };

    private static string Day(DateOnly day) => day.ToString("MM-dd", CultureInfo.InvariantCulture);
}
