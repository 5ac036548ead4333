namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

/// <summary>Every provider, for the tests that every provider must pass.</summary>
public static class ProviderFlows
{
    public static TheoryData<string> Keys => ["salesforce", "hubspot", "zendesk"];

    /// <summary>The flow of <paramref name="key"/>, its emulator's log cleared.</summary>
    public static ProviderFlow For(ApplicationFixture app, string key)
    {
        ProviderFlow flow = key switch
        {
            "salesforce" => new SalesforceProviderFlow(app),
            "hubspot" => new HubSpotProviderFlow(app),
            "zendesk" => new ZendeskProviderFlow(app),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No flow for this provider."),
        };
        flow.ClearLog();
        return flow;
    }
}
