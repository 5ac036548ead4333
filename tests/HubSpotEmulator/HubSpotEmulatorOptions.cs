namespace Natero.Connectors.HubSpotEmulator;

/// <summary>How to start a <see cref="HubSpotEmulatorHost"/>.</summary>
public sealed class HubSpotEmulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 (the default, for tests) takes a free one.</summary>
    public int Port { get; init; }

    /// <summary>The clock behind code and token expiry, login pages and delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The redirect URLs registered on the demo app.</summary>
    public IReadOnlyList<string> DemoCallbackUrls { get; init; } = [DemoData.DefaultCallbackUrl];

    /// <summary>Writes ASP.NET Core's request logging to the console (for <c>dotnet run</c>).</summary>
    public bool LogToConsole { get; init; }
}
