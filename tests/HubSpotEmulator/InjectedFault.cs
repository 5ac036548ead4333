namespace Natero.Connectors.HubSpotEmulator;

/// <summary>A fault waiting to be served; see <see cref="EmulatorFaults.Inject"/>.</summary>
public sealed class InjectedFault
{
    private int _timesServed;

    internal InjectedFault(EmulatorEndpoint endpoint, Fault fault, int? remainingUses)
    {
        Endpoint = endpoint;
        Fault = fault;
        RemainingUses = remainingUses;
    }

    public EmulatorEndpoint Endpoint { get; }

    public Fault Fault { get; }

    /// <summary>How many more requests it shapes; null when sticky.</summary>
    public int? RemainingUses { get; internal set; }

    /// <summary>How many requests it has shaped so far.</summary>
    public int TimesServed => Volatile.Read(ref _timesServed);

    internal void Served() => Interlocked.Increment(ref _timesServed);
}
