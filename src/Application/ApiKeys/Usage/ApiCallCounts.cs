using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Natero.Connectors.Application.ApiKeys.Usage;

/// <summary>
/// Counts authenticated API calls per tenant and UTC day in memory; a writer adds the counts to the database in
/// batches (<c>ApiCallTally</c> rows), so an API call costs an interlocked increment and never a write of its own.
/// </summary>
public sealed class ApiCallCounts
{
    private readonly ConcurrentDictionary<(Guid Scope, DateOnly Day), StrongBox<long>> _counts = new();

    /// <summary>One call by a key of <paramref name="tenantId"/> (null: a platform key) at <paramref name="now"/>.</summary>
    public void Count(Guid? tenantId, DateTimeOffset now)
    {
        var box = _counts.GetOrAdd((tenantId ?? Guid.Empty, DateOnly.FromDateTime(now.UtcDateTime)), _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    /// <summary>
    /// Takes every count not yet written. A day's entry stays (at zero) while calls may still arrive for it, so an
    /// increment racing with the take is never lost: it is taken next time.
    /// </summary>
    public IReadOnlyList<ApiCallCount> Take(DateTimeOffset now)
    {
        var yesterday = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var taken = new List<ApiCallCount>();
        foreach (var (key, box) in _counts)
        {
            var calls = Interlocked.Exchange(ref box.Value, 0);
            if (calls > 0)
            {
                taken.Add(new ApiCallCount(key.Scope, key.Day, calls));
            }

            if (key.Day < yesterday && Interlocked.Read(ref box.Value) == 0)
            {
                _counts.TryRemove(key, out _);
            }
        }

        return taken;
    }

    /// <summary>Counts that could not be written go back, to be written with the next batch.</summary>
    public void PutBack(IEnumerable<ApiCallCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var count in counts)
        {
            var box = _counts.GetOrAdd((count.Scope, count.Day), _ => new StrongBox<long>());
            Interlocked.Add(ref box.Value, count.Calls);
        }
    }
}
