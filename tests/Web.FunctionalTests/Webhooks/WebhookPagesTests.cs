using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Webhooks;

/// <summary><c>/t/{tenant}/settings/webhooks</c> and an endpoint's page: the secret shown once, the actions, who gets in.</summary>
public sealed partial class WebhookPagesTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Page = "/t/demo/settings/webhooks";

    [Fact]
    public async Task An_admin_adds_an_endpoint_sees_its_secret_once_and_finds_its_actions_on_its_page()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var empty = await browser.GetHtmlAsync(Page);
        empty.ShouldContain("<a href=\"/t/demo/settings/webhooks\" aria-current=\"page\">Webhooks</a>");
        empty.ShouldContain("No endpoints yet.");

        using var response = await browser.SubmitAsync(
            Page,
            Page + "?handler=Create",
            [
                new("NewEndpoint.Url", "https://93.184.216.34/hooks"),
                new("NewEndpoint.Description", "CRM sync"),
                new("NewEndpoint.AllEvents", "true"),
            ]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await response.Content.ReadAsStringAsync();
        var secret = WebUtility.HtmlDecode(Secret().Match(html).Groups[1].Value);
        secret.ShouldStartWith("whsec_");
        html.ShouldContain("it will not be shown again");

        var reloaded = await browser.GetHtmlAsync(Page);
        reloaded.ShouldNotContain("created-secret-value");
        reloaded.ShouldNotContain(Secret().Match(html).Groups[1].Value);
        reloaded.ShouldContain("https://93.184.216.34/hooks");
        var details = DetailsLink().Match(reloaded).Groups[1].Value;
        var page = await browser.GetHtmlAsync(details);
        page.ShouldContain("Send a test event");
        page.ShouldContain("Rotate the secret");
        page.ShouldContain("Nothing sent yet.");

        using var tested = await browser.SubmitAsync(details, details + "?handler=Test", []);
        tested.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await browser.GetHtmlAsync(details);
        after.ShouldContain("A test event is on its way");
        after.ShouldContain("webhook.test");
    }

    [Fact]
    public async Task An_unsafe_url_is_shown_on_the_form_and_nothing_is_kept()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(
            Page,
            Page + "?handler=Create",
            [new("NewEndpoint.Url", "http://10.1.2.3/hooks"), new("NewEndpoint.AllEvents", "true")]
        );

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("field-error");
        html.ShouldContain("No endpoints yet.");
        html.ShouldNotContain("whsec_");
    }

    [Fact]
    public async Task A_member_without_configure_permission_gets_403()
    {
        using var browser = await SignedInAs(TestUsers.DemoMember);

        using var response = await browser.GetPageAsync(Page);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [GeneratedRegex("<code class=\"secret\" id=\"created-secret-value\">([^<]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("href=\"(/t/demo/settings/webhooks/[0-9a-f-]{36})\"")]
    private static partial Regex DetailsLink();
}
