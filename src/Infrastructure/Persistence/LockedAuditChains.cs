using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Audit chains held for the current transaction. <see cref="Heads"/> holds the last sealed link of each chain when
/// the lock read it in the same round trip (null for a chain with no event left in the table); when the lock could
/// not, it is null and the links are read after it.
/// </summary>
public sealed class LockedAuditChains(IReadOnlyDictionary<string, AuditLink?>? heads, Func<ValueTask>? release = null) : IAsyncDisposable
{
    public IReadOnlyDictionary<string, AuditLink?>? Heads { get; } = heads;

    public ValueTask DisposeAsync() => release?.Invoke() ?? ValueTask.CompletedTask;
}
