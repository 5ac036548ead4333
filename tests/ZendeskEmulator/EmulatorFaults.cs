namespace Natero.Connectors.ZendeskEmulator;

/// <summary>Faults waiting to be served, first injected first served, one per request.</summary>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _pending = [];

    /// <summary>
    /// Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> misbehave; <c>times: null</c>
    /// keeps the fault until <see cref="Clear"/>.
    /// </summary>
    public void Inject(EmulatorEndpoint endpoint, Fault fault, int? times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (times is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times.Value, nameof(times));
        }

        lock (_gate)
        {
            _pending.Add(new Pending(endpoint, fault) { RemainingUses = times });
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    internal Fault? TryTake(EmulatorEndpoint endpoint)
    {
        lock (_gate)
        {
            var pending = _pending.Find(f => f.Endpoint == EmulatorEndpoint.Any || f.Endpoint == endpoint);
            if (pending is null)
            {
                return null;
            }

            if (pending.RemainingUses is { } remaining)
            {
                pending.RemainingUses = remaining - 1;
                if (remaining == 1)
                {
                    _pending.Remove(pending);
                }
            }

            return pending.Fault;
        }
    }

    private sealed class Pending(EmulatorEndpoint endpoint, Fault fault)
    {
        public EmulatorEndpoint Endpoint { get; } = endpoint;

        public Fault Fault { get; } = fault;

        public int? RemainingUses { get; set; }
    }
}
