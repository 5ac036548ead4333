using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Group commit for units of work that save nothing but audit events (every credential read, every
/// refusal). Appending to a chain holds its lock for three round trips (read the last link, insert,
/// commit), so appends to one busy chain queue behind each other. Here the events that arrive while a
/// write is under way wait together and are then sealed in one transaction: one lock, one read of the
/// last link, one insert batch, one commit. Each caller returns only once its events are committed,
/// and the chain is sealed exactly as one save would seal them (decision record 0004).
/// </summary>
internal sealed class AuditAppends(IServiceScopeFactory scopes)
{
    /// <summary>Events per transaction, so that one batch stays a short lock and a bounded insert.</summary>
    private const int MaxEvents = 256;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _writing;

    /// <summary>Commits <paramref name="events"/> (new, unsealed); completes when they are committed or failed.</summary>
    public Task AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        var pending = new Pending(events);
        bool start;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            // One writer at a time; it goes on while events keep arriving, and stops when none wait.
            _ = Task.Run(WriteWhileQueuedAsync, CancellationToken.None);
        }

        // Once taken into a batch the events are written even if this caller stops waiting.
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteWhileQueuedAsync()
    {
        while (Next() is { } batch)
        {
            var write = WriteAsync(batch);
            await write.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var pending in batch)
            {
                if (write.IsCompletedSuccessfully)
                {
                    pending.Done.TrySetResult();
                }
                else if (write.Exception is { } failure)
                {
                    pending.Done.TrySetException(failure.InnerExceptions);
                }
                else
                {
                    pending.Done.TrySetCanceled();
                }
            }
        }
    }

    /// <summary>The units of work waiting, up to <see cref="MaxEvents"/> events; none when the queue is empty (the writer stops).</summary>
    private List<Pending>? Next()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _writing = false;
                return null;
            }

            var batch = new List<Pending>();
            var events = 0;
            while (_queue.TryPeek(out var next) && (batch.Count == 0 || events + next.Events.Count <= MaxEvents))
            {
                batch.Add(_queue.Dequeue());
                events += next.Events.Count;
            }

            return batch;
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.SaveAuditBatchAsync([.. batch.SelectMany(p => p.Events)], CancellationToken.None);
    }

    private sealed class Pending(IReadOnlyList<AuditEvent> events)
    {
        public IReadOnlyList<AuditEvent> Events { get; } = events;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
