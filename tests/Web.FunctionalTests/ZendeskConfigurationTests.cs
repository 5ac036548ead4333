using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

public sealed class ZendeskConfigurationTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Without_a_zendesk_client_id_manage_oauth_says_what_to_configure_and_how_to_run_the_emulator()
    {
        await using var unconfigured = Factory.WithWebHostBuilder(b =>
            b.UseSetting("Zendesk:ClientId", string.Empty).UseSetting("Zendesk:ClientSecret", string.Empty)
        );
        using var browser = new Browser(
            unconfigured.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false })
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).Dispose();

        var html = await browser.GetHtmlAsync("/t/demo/settings/it-administration/oauth");

        html.ShouldContain("data-unconfigured=\"zendesk\"");
        html.ShouldContain("Zendesk is not configured yet");
        html.ShouldContain("Zendesk:ClientId");
        html.ShouldContain("dotnet run --project tests/ZendeskEmulator");
        html.ShouldNotContain("<option value=\"zendesk\"");
    }

    [Theory]
    [InlineData("Zendesk:CallbackUrl", "not a url", "Zendesk:CallbackUrl")]
    [InlineData("Zendesk:ClientSecret", "", "Zendesk:ClientSecret")]
    [InlineData("Zendesk:HostSuffix", "evil/com", "Zendesk:HostSuffix")]
    [InlineData("Zendesk:Scopes", " ", "Zendesk:Scopes")]
    [InlineData("Zendesk:Timeout", "00:10:00", "Zendesk:Timeout")]
    public void A_wrong_zendesk_setting_stops_start_up_naming_the_key(string key, string value, string named)
    {
        using var broken = Factory.WithWebHostBuilder(b => b.UseSetting(key, value));

        var failure = Should.Throw<OptionsValidationException>(() => broken.CreateClient());

        failure.Message.ShouldContain(named);
    }
}
