// The HubSpot emulator as a program, for the offline demo: `dotnet run --project tests/HubSpotEmulator`.
// README.md beside this file lists the endpoints and the demo data.
// Options: --urls http://127.0.0.1:PORT (default 5511) and --callback-url URL (the Natero app's callback, registered on the demo app).
using Natero.Connectors.HubSpotEmulator;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build();
var port = DemoBanner.PortOf(configuration["urls"]);
var callbackUrl = configuration["callback-url"] ?? DemoData.DefaultCallbackUrl;

await using var emulator = await HubSpotEmulatorHost.StartAsync(
    new HubSpotEmulatorOptions
    {
        Port = port,
        DemoCallbackUrls = [callbackUrl],
        LogToConsole = true,
    }
);
Console.WriteLine(DemoBanner.Describe(emulator, callbackUrl));
await emulator.WaitForShutdownAsync();

/// <summary>Internal so that test projects referencing both this and the Natero web app see one Program.</summary>
internal partial class Program;
