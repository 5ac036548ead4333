using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

public sealed class ZendeskProviderFlow(ApplicationFixture app) : ProviderFlow(app)
{
    public override string Key => "zendesk";

    public override string ClientSecret => DemoData.ClientSecret;

    public override int TokenCalls => App.Zendesk.RequestLog.Count(r => r.Path == "/oauth/tokens" && r.GrantType == "authorization_code");

    protected override (string? Environment, string? Host) Site => (null, ZendeskTestSettings.SubdomainOf(App.Zendesk.Demo.Acme));

    public override void FailNextTokenCall() => App.Zendesk.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: 1);

    public override void ClearLog() => App.Zendesk.RequestLog.Clear();

    protected override async Task<Uri> ApproveAsync(Uri authorizationUrl)
    {
        using var browser = new EmulatorBrowser();
        return await browser.AuthorizeAsync(authorizationUrl, App.Zendesk.Demo.Admin.Email, DemoData.Password);
    }
}
