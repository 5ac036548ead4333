using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

public sealed class SalesforceProviderFlow(ApplicationFixture app) : ProviderFlow(app)
{
    public override string Key => "salesforce";

    public override string ClientSecret => DemoData.ClientSecret;

    public override int TokenCalls =>
        App.Salesforce.RequestLog.Count(r => r.Path == "/services/oauth2/token" && r.GrantType == "authorization_code");

    protected override (string? Environment, string? Host) Site => ("Production", null);

    public override void FailNextTokenCall() => App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: 1);

    public override void ClearLog() => App.Salesforce.RequestLog.Clear();

    protected override async Task<Uri> ApproveAsync(Uri authorizationUrl)
    {
        using var browser = new EmulatorBrowser();
        return await browser.AuthorizeAsync(authorizationUrl, App.Salesforce.Demo.Admin.Username, DemoData.Password);
    }
}
