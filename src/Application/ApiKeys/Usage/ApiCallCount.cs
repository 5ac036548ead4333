namespace Natero.Connectors.Application.ApiKeys.Usage;

/// <summary>Calls counted in memory for one tenant (<see cref="Guid.Empty"/>: platform keys) on one UTC day.</summary>
public sealed record ApiCallCount(Guid Scope, DateOnly Day, long Calls);
