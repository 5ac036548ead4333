using Natero.Connectors.HubSpotEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

public sealed class HubSpotProviderFlow(ApplicationFixture app) : ProviderFlow(app)
{
    public override string Key => "hubspot";

    public override string ClientSecret => DemoData.ClientSecret;

    public override int TokenCalls => App.HubSpot.RequestLog.Count(r => r.Path == "/oauth/v3/token" && r.GrantType == "authorization_code");

    public override void FailNextTokenCall() => App.HubSpot.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: 1);

    public override void ClearLog() => App.HubSpot.RequestLog.Clear();

    protected override async Task<Uri> ApproveAsync(Uri authorizationUrl)
    {
        using var browser = new EmulatorBrowser();
        var outcome = await browser.AuthorizeAsync(authorizationUrl, App.HubSpot.Demo.Admin.Email, DemoData.Password);
        return outcome.Callback.ShouldNotBeNull(outcome.PageMessage);
    }
}
