using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

public sealed class SalesforceConfigurationTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Without_a_client_id_the_app_runs_and_manage_oauth_says_what_to_configure()
    {
        await using var unconfigured = Factory.WithWebHostBuilder(b =>
            b.UseSetting("Salesforce:ClientId", string.Empty)
                .UseSetting("Salesforce:ClientSecret", string.Empty)
                .UseSetting("HubSpot:ClientId", string.Empty)
                .UseSetting("HubSpot:ClientSecret", string.Empty)
                .UseSetting("Zendesk:ClientId", string.Empty)
                .UseSetting("Zendesk:ClientSecret", string.Empty)
        );
        using var browser = new Browser(
            unconfigured.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false })
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).Dispose();

        var html = await browser.GetHtmlAsync("/t/demo/settings/it-administration/oauth");

        html.ShouldContain("Salesforce is not configured yet");
        html.ShouldContain("Salesforce:ClientId");
        html.ShouldContain("dotnet run --project tests/SalesforceEmulator");
        html.ShouldContain("No provider is configured on this installation yet");
        html.ShouldNotContain("Authorize provider</button>", customMessage: "an unconfigured provider is not offered");
        html.ShouldContain("HubSpot is not configured yet");
        html.ShouldContain("Zendesk is not configured yet");
    }

    [Theory]
    [InlineData("Salesforce:ProductionLoginUrl", "https://login.evil.example", "Salesforce:ProductionLoginUrl")]
    [InlineData("Salesforce:ApiVersion", "latest", "Salesforce:ApiVersion")]
    [InlineData("Salesforce:CallbackUrl", "not a url", "Salesforce:CallbackUrl")]
    public void A_wrong_salesforce_setting_stops_start_up_naming_the_key(string key, string value, string named)
    {
        using var broken = Factory.WithWebHostBuilder(b => b.UseSetting(key, value));

        var failure = Should.Throw<OptionsValidationException>(() => broken.CreateClient());

        failure.Message.ShouldContain(named);
    }
}
