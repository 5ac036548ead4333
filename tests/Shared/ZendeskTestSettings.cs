using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Tests.Shared;

/// <summary>Points the app at a running Zendesk emulator, and registers the app's callback on the emulator's demo clients.</summary>
public static class ZendeskTestSettings
{
    /// <param name="global">The demo's global client, for a test that connects more than one account; acme's own client otherwise.</param>
    public static IReadOnlyDictionary<string, string?> For(ZendeskEmulatorHost emulator, string callbackUrl, bool global = false)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        emulator.AddDemoCallbackUrl(callbackUrl);
        return new Dictionary<string, string?>
        {
            ["Zendesk:ClientId"] = global ? DemoData.GlobalClientId : DemoData.ClientId,
            ["Zendesk:ClientSecret"] = global ? DemoData.GlobalClientSecret : DemoData.ClientSecret,
            ["Zendesk:CallbackUrl"] = callbackUrl,
            ["Zendesk:AllowLoopbackHttp"] = "true",
            ["Zendesk:Timeout"] = "00:00:05",
        };
    }

    /// <summary>What a person types as the subdomain to reach an emulated account: its loopback origin.</summary>
    public static string SubdomainOf(ZendeskAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.Origin;
    }
}
