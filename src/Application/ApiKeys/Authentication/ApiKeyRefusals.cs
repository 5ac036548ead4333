using System.Threading.Channels;

namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// Counts refused API keys so that a flood of bad keys becomes a handful of audit events (U3). Refusals are
/// grouped by display prefix (or <see cref="Malformed"/>), client address and reason into one-minute
/// windows: a window's first refusal is due at once, the rest as one count when the window closes. At most
/// <see cref="MaxWindows"/> windows are open; beyond that a refusal is merged into one window per reason
/// with prefix and address <see cref="Overflow"/>, so memory stays bounded whatever arrives.
/// </summary>
public sealed class ApiKeyRefusals(TimeProvider time)
{
    /// <summary>The prefix of a refusal whose text was not a key at all: nothing of it is kept.</summary>
    public const string Malformed = "malformed";

    public const string Overflow = "*";

    public const int MaxWindows = 1000;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Prefix, string Address, string Reason), Tally> _windows = [];

    // Rung when a window opens, so that its first refusal is written without waiting; one pending ring is enough.
    private readonly Channel<bool> _opened = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite }
    );

    /// <summary>When the earliest open window closes; null while none is open.</summary>
    public DateTimeOffset? NextClose
    {
        get
        {
            lock (_gate)
            {
                return _windows.Count == 0 ? null : _windows.Values.Min(t => t.Start) + Window;
            }
        }
    }

    public void Count(ApiKeyRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var source = (refusal.Prefix, refusal.Address ?? "unknown", refusal.Reason);
        var opened = false;
        lock (_gate)
        {
            if (!_windows.TryGetValue(source, out var tally))
            {
                if (_windows.Count >= MaxWindows)
                {
                    source = (Overflow, Overflow, refusal.Reason);
                    refusal = refusal with { KeyId = null, TenantId = null };
                }

                if (!_windows.TryGetValue(source, out tally))
                {
                    tally = new Tally(time.GetUtcNow(), refusal.KeyId, refusal.TenantId);
                    _windows[source] = tally;
                    opened = true;
                }
            }

            tally.Unreported++;
        }

        if (opened)
        {
            _opened.Writer.TryWrite(true);
        }
    }

    /// <summary>Completes when a window has opened since the last call, so its first refusal can be written.</summary>
    public async Task WhenWindowOpensAsync(CancellationToken cancellationToken)
    {
        await _opened.Reader.ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Takes what is due: the first refusals of windows not yet reported, and the counts of windows that
    /// have closed, which are then forgotten. <paramref name="closeAll"/> closes every window now (on
    /// shutdown, and for tests).
    /// </summary>
    public IReadOnlyList<ApiKeyRefusalReport> TakeDue(bool closeAll = false)
    {
        var now = time.GetUtcNow();
        var due = new List<ApiKeyRefusalReport>();
        lock (_gate)
        {
            foreach (var (source, tally) in _windows.ToList())
            {
                var closed = closeAll || now >= tally.Start + Window;
                if (tally.Unreported > 0 && (closed || !tally.FirstReported))
                {
                    due.Add(
                        new ApiKeyRefusalReport(
                            source.Prefix,
                            source.Address,
                            source.Reason,
                            tally.KeyId,
                            tally.TenantId,
                            tally.Start,
                            tally.Unreported
                        )
                    );
                    tally.Unreported = 0;
                    tally.FirstReported = true;
                }

                if (closed)
                {
                    _windows.Remove(source);
                }
            }
        }

        return due;
    }

    private sealed class Tally(DateTimeOffset start, Guid? keyId, Guid? tenantId)
    {
        public DateTimeOffset Start { get; } = start;
        public Guid? KeyId { get; } = keyId;
        public Guid? TenantId { get; } = tenantId;
        public int Unreported { get; set; }
        public bool FirstReported { get; set; }
    }
}
