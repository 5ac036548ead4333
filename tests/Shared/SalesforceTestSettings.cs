using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Tests.Shared;

/// <summary>Points the app at a running emulator, and registers the app's callback on the emulator's demo app.</summary>
public static class SalesforceTestSettings
{
    public static IReadOnlyDictionary<string, string?> For(SalesforceEmulatorHost emulator, string callbackUrl)
    {
        emulator.Demo.App.CallbackUrls = [.. emulator.Demo.App.CallbackUrls, callbackUrl];
        return new Dictionary<string, string?>
        {
            ["Salesforce:ClientId"] = DemoData.ClientId,
            ["Salesforce:ClientSecret"] = DemoData.ClientSecret,
            ["Salesforce:CallbackUrl"] = callbackUrl,
            ["Salesforce:ProductionLoginUrl"] = emulator.ProductionLoginUrl.ToString().TrimEnd('/'),
            ["Salesforce:SandboxLoginUrl"] = emulator.SandboxLoginUrl.ToString().TrimEnd('/'),
            ["Salesforce:AllowLoopbackHttp"] = "true",
            ["Salesforce:Timeout"] = "00:00:05",

            // Retries stay at the production default, so tests see real behaviour, but back off from 10 ms
            // rather than 2 s to keep the run quick. All tests of a fixture share the emulator's hosts, so
            // the breaker needs far more calls than any test makes before it may open; the resilience tests
            // that open it build their own app.
            ["Salesforce:Resilience:RetryBaseDelay"] = "00:00:00.010",
            ["Salesforce:Resilience:CircuitMinimumThroughput"] = "100000",
        };
    }

    /// <summary>
    /// A loopback port free now, for a server that binds it later. It is taken below Linux's ephemeral range
    /// (32768-60999): a port the system hands out for "any port" or an outgoing connection (another test run's
    /// emulators, its database connections) could otherwise take it between this check and the bind.
    /// </summary>
    public static int FreeTcpPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = System.Security.Cryptography.RandomNumberGenerator.GetInt32(20000, 32768);
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
