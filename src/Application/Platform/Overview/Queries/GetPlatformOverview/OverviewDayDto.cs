namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>One UTC day: checks that passed and failed, and token refreshes that failed.</summary>
public sealed record OverviewDayDto(DateOnly Day, int HealthyChecks, int FailedChecks, int RefreshFailures);
