// The Zendesk emulator as a program, for the offline demo: `dotnet run --project tests/ZendeskEmulator`.
// README.md beside this file lists the accounts and the demo data.
// Options: --first-port PORT (acme's port; globex takes the next one; default 5521) and
// --callback-url URL (the Natero app's callback, registered on the demo clients).
using System.Globalization;
using Natero.Connectors.ZendeskEmulator;

var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var firstPort = configuration["first-port"] is { } port ? int.Parse(port, CultureInfo.InvariantCulture) : DemoBanner.DefaultFirstPort;
var callbackUrl = configuration["callback-url"] ?? DemoData.DefaultCallbackUrl;

await using var emulator = await ZendeskEmulatorHost.StartAsync(
    new ZendeskEmulatorOptions
    {
        FirstPort = firstPort,
        DemoCallbackUrls = [callbackUrl],
        LogToConsole = true,
    }
);
Console.WriteLine(DemoBanner.Describe(emulator, callbackUrl));
await emulator.WaitForShutdownAsync();

/// <summary>Internal so that test projects referencing both this and the Natero web app see one Program.</summary>
internal partial class Program;
