using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed partial class SecretsInLogsTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task S12_at_the_configured_log_levels_no_line_of_a_full_connect_holds_a_code_state_verifier_secret_or_token()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        await ConnectAndCheckLogsAsync(browser);
    }

    [Fact]
    public async Task S12_with_every_category_at_trace_no_line_of_a_full_connect_holds_a_code_state_verifier_secret_or_token()
    {
        // How an operator turns on Trace: configuration, which overrides appsettings.json's quieter categories.
        await using var traced = Factory.WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration(configuration =>
                configuration.AddInMemoryCollection(
                    new Dictionary<string, string?>
                    {
                        ["Logging:LogLevel:Default"] = "Trace",
                        ["Logging:LogLevel:Microsoft"] = "Trace",
                        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
                        ["Logging:LogLevel:System"] = "Trace",
                    }
                )
            )
        );
        using var browser = new Browser(
            traced.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await ConnectAndCheckLogsAsync(browser);

        Factory.Logs.Lines.ShouldContain(l => l.StartsWith("Trace ", StringComparison.Ordinal), "the app should have logged at Trace");
    }

    private async Task ConnectAndCheckLogsAsync(Browser browser)
    {
        Factory.Logs.Clear();
        var authorizationUrl = await ConnectFlow.StartAsync(browser);
        var callback = await ConnectFlow.AtSalesforceAsync(authorizationUrl, SalesforceAdmin);
        using var response = await browser.GetPageAsync(callback);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetHtmlAsync(ManageOAuth)).ShouldContain("Pending configuration");

        var lines = Factory.Logs.Lines;
        lines.ShouldNotBeEmpty();
        var secrets = new Dictionary<string, string>
        {
            // The code ends in "==", which a logged URL carries as %3D%3D.
            ["authorization code"] = QueryValue(callback, "code").TrimEnd('='),
            ["state"] = ConnectFlow.Query(authorizationUrl, "state"),
            ["code verifier"] = Factory.Salesforce.RequestLog.Single(r => r.Path == TokenPath).Form["code_verifier"],
            ["client secret"] = DemoData.ClientSecret,
            ["refresh token"] = "5Aep861",
        };
        foreach (var (name, secret) in secrets)
        {
            lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"the {name} is in the logs");
        }

        lines.Where(l => AccessToken().IsMatch(l)).ShouldBeEmpty("an access token is in the logs");
    }

    [GeneratedRegex("00D[A-Za-z0-9]{12,15}!")]
    private static partial Regex AccessToken();
}
