namespace Natero.Connectors.ZendeskEmulator;

/// <summary>How to start a <see cref="ZendeskEmulatorHost"/>.</summary>
public sealed class ZendeskEmulatorOptions
{
    /// <summary>
    /// The port of the first account (acme); every further account takes the next port. Null (the default, for
    /// tests) gives each account its own free port.
    /// </summary>
    public int? FirstPort { get; init; }

    /// <summary>How many account ports to open (Kestrel cannot add listeners later); each account takes one.</summary>
    public int AccountPorts { get; init; } = 8;

    /// <summary>The clock behind code expiry, token lifetimes and sessions; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>The redirect URLs registered on the demo OAuth clients.</summary>
    public IReadOnlyList<string> DemoCallbackUrls { get; init; } = [DemoData.DefaultCallbackUrl];

    /// <summary>Writes ASP.NET Core's request logging to the console (for <c>dotnet run</c>).</summary>
    public bool LogToConsole { get; init; }
}
