using Natero.Connectors.HubSpotEmulator;

namespace Natero.Connectors.Tests.Shared;

/// <summary>Points the app at a running HubSpot emulator, and registers the app's callback on the emulator's demo app.</summary>
public static class HubSpotTestSettings
{
    public static IReadOnlyDictionary<string, string?> For(HubSpotEmulatorHost emulator, string callbackUrl)
    {
        emulator.Demo.App.CallbackUrls = [.. emulator.Demo.App.CallbackUrls, callbackUrl];
        return new Dictionary<string, string?>
        {
            ["HubSpot:ClientId"] = DemoData.ClientId,
            ["HubSpot:ClientSecret"] = DemoData.ClientSecret,
            ["HubSpot:CallbackUrl"] = callbackUrl,
            ["HubSpot:AuthorizeUrl"] = emulator.AuthorizeUrl.ToString(),
            ["HubSpot:TokenUrl"] = emulator.TokenUrl.ToString(),
            ["HubSpot:ApiBaseUrl"] = emulator.ApiBaseUrl.GetLeftPart(UriPartial.Authority),
            ["HubSpot:AllowLoopbackHttp"] = "true",
            ["HubSpot:Timeout"] = "00:00:05",
        };
    }
}
