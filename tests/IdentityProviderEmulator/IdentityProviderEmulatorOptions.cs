namespace Natero.Connectors.IdentityProviderEmulator;

public sealed class IdentityProviderEmulatorOptions
{
    /// <summary>The loopback port; 0 picks a free one (tests). The demo uses <see cref="DemoData.DefaultPort"/>.</summary>
    public int Port { get; init; }

    /// <summary>Redirect URIs registered on the demo client, besides any added later.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>One console line per request: for <c>dotnet run</c>, not for tests.</summary>
    public bool LogToConsole { get; init; }
}
