// The identity provider emulator as a program, for the offline demo: `dotnet run --project tests/IdentityProviderEmulator`.
// Options: --port PORT (default 5601) and --redirect-uri URI (the Natero app's callback, registered on the demo client).
using Natero.Connectors.IdentityProviderEmulator;

var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var port = configuration.GetValue("port", DemoData.DefaultPort);
var redirectUri = configuration["redirect-uri"] ?? DemoData.DefaultRedirectUri;

await using var emulator = await IdentityProviderEmulatorHost.StartAsync(
    new IdentityProviderEmulatorOptions
    {
        Port = port,
        RedirectUris = [redirectUri],
        LogToConsole = true,
    }
);
Console.WriteLine(DemoBanner.Describe(emulator, redirectUri));
await emulator.WaitForShutdownAsync();

/// <summary>Internal so that test projects referencing both this and the Natero web app see one Program.</summary>
internal partial class Program;
