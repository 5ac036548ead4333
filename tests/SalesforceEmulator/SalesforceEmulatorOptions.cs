namespace Natero.Connectors.SalesforceEmulator;

/// <summary>How to start a <see cref="SalesforceEmulatorHost"/>.</summary>
public sealed class SalesforceEmulatorOptions
{
    /// <summary>
    /// The port every host listens on. 0 (the default, for tests) gives each host its own free port;
    /// a fixed port (for <c>dotnet run</c>) gives every host the same port on its own loopback address.
    /// </summary>
    public int Port { get; init; }

    /// <summary>How many My Domain hosts (127.0.0.10 and up) to listen on; each org takes one.</summary>
    public int MyDomainHosts { get; init; } = 16;

    /// <summary>The clock behind code expiry, session timeouts, <c>issued_at</c> and delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The callback URLs registered on the demo connected app.</summary>
    public IReadOnlyList<string> DemoCallbackUrls { get; init; } = [DemoData.DefaultCallbackUrl];

    /// <summary>Writes ASP.NET Core's request logging to the console (for <c>dotnet run</c>).</summary>
    public bool LogToConsole { get; init; }
}
