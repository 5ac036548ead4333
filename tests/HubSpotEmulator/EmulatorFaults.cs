namespace Natero.Connectors.HubSpotEmulator;

/// <summary>Faults waiting to be served, first injected first served, one per request.</summary>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<InjectedFault> _pending = [];

    /// <summary>Faults still waiting, oldest first.</summary>
    public IReadOnlyList<InjectedFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> misbehave;
    /// <c>times: null</c> keeps the fault until <see cref="Remove"/> or <see cref="Clear"/>.
    /// </summary>
    public InjectedFault Inject(EmulatorEndpoint endpoint, Fault fault, int? times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (times is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times.Value, nameof(times));
        }

        var injected = new InjectedFault(endpoint, fault, times);
        lock (_gate)
        {
            _pending.Add(injected);
        }

        return injected;
    }

    public void Remove(InjectedFault fault)
    {
        lock (_gate)
        {
            _pending.Remove(fault);
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
            var injected = _pending.Find(f => f.Endpoint == EmulatorEndpoint.Any || f.Endpoint == endpoint);
            if (injected is null)
            {
                return null;
            }

            if (injected.RemainingUses is { } remaining)
            {
                injected.RemainingUses = remaining - 1;
                if (remaining == 1)
                {
                    _pending.Remove(injected);
                }
            }

            injected.Served();
            return injected.Fault;
        }
    }
}
