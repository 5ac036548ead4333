using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.ApiKeys;

/// <summary>
/// How many API calls a tenant's keys made on one UTC day (<see cref="Guid.Empty"/>: platform keys). Instances count
/// in memory and add their counts here in batches, so a call never waits for this row.
/// </summary>
public sealed class ApiCallTally : Entity
{
    private ApiCallTally() { }

    /// <summary>The tenant of the keys, or <see cref="Guid.Empty"/> for platform keys, which have none.</summary>
    public Guid Scope { get; private set; }

    public DateOnly Day { get; private set; }
    public long Calls { get; private set; }

    public static ApiCallTally Start(Guid scope, DateOnly day, long calls) =>
        calls < 0
            ? throw new DomainException("A count of calls is never negative.")
            : new()
            {
                Scope = scope,
                Day = day,
                Calls = calls,
            };
}
