using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Mounting;

/// <summary>
/// Issue 15: the plugin mounted under <c>/admin/connectors</c> in an application of its own. Every page, form,
/// link, asset, redirect, cookie, the OAuth callback and the API live under the prefix; nothing of the plugin
/// answers outside it, and the host's own pages keep working.
/// </summary>
public sealed partial class MountedUnderPrefixTests(MountedHost host) : IClassFixture<MountedHost>
{
    private const string Prefix = MountedHost.Prefix;
    private const string ManageOAuth = Prefix + "/t/demo/settings/it-administration/oauth";

    [Fact]
    public async Task Signing_in_goes_through_the_prefixed_pages_and_the_cookies_stay_under_the_prefix()
    {
        var (browser, cookies) = host.NewBrowser();
        using var _ = browser;

        using var challenge = await browser.GetPageAsync(ManageOAuth);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        challenge.Headers.Location!.PathAndQuery.ShouldBe($"{Prefix}/account/sign-in?returnUrl={Uri.EscapeDataString(ManageOAuth)}");

        using var signedIn = await SignInAsync(browser, TestUsers.DemoAdmin, ManageOAuth);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);

        // The application's one antiforgery cookie covers the whole site (the host's forms use it too); every other
        // cookie of the plugin stays under its prefix.
        var set = cookies.Container.GetAllCookies().Where(c => c.Name != "__Host-natero-af").ToList();
        set.Count.ShouldBeGreaterThan(0);
        set.ShouldAllBe(c => c.Path == Prefix);
        set.ShouldAllBe(c => !c.Name.StartsWith("__Host-", StringComparison.Ordinal));
        set.ShouldContain(c => c.Name == "__Secure-natero" && c.Secure && c.HttpOnly);

        var html = await browser.GetHtmlAsync(ManageOAuth);
        html.ShouldContain("Manage OAuth");
    }

    [Fact]
    public async Task Every_link_form_and_asset_of_a_page_points_under_the_prefix()
    {
        var (browser, _) = host.NewBrowser();
        using var __ = browser;
        using (var signedIn = await SignInAsync(browser, TestUsers.DemoAdmin))
        {
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            signedIn.Headers.Location!.OriginalString.ShouldBe(Prefix);
        }

        using (var start = await browser.GetPageAsync(Prefix))
        {
            start.StatusCode.ShouldBe(HttpStatusCode.Redirect, "a member of one tenant goes straight to it");
            start.Headers.Location!.OriginalString.ShouldBe($"{Prefix}/t/demo");
        }

        foreach (var page in new[] { $"{Prefix}/t/demo", ManageOAuth, $"{Prefix}/t/demo/settings/api-keys", $"{Prefix}/account/security" })
        {
            var html = await browser.GetHtmlAsync(page);
            var targets = UrlAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).ToList();
            targets.ShouldNotBeEmpty();
            targets
                .Where(url => url.StartsWith('/'))
                .ShouldAllBe(url => url.StartsWith(Prefix + "/", StringComparison.Ordinal) || url == Prefix, $"on {page}");

            foreach (
                var asset in targets.Where(url =>
                    url.Contains("/css/", StringComparison.Ordinal) || url.Contains("/js/", StringComparison.Ordinal)
                )
            )
            {
                using var served = await browser.Client.GetAsync(asset);
                served.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
            }
        }
    }

    [Fact]
    public async Task A_Salesforce_org_is_authorized_with_the_callback_under_the_prefix()
    {
        var (browser, _) = host.NewBrowser();
        using var __ = browser;
        (await SignInAsync(browser, TestUsers.DemoAdmin)).Dispose();

        using var authorize = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Authorize",
            [new("Input.Provider", "salesforce"), new("Input.Environment", "Production"), new("Input.MyDomainHost", string.Empty)]
        );
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect, await authorize.Content.ReadAsStringAsync());
        ConnectFlow.Query(authorize.Headers.Location!, "redirect_uri").ShouldBe(MountedHost.CallbackUrl);

        using var emulator = new EmulatorBrowser();
        var callback = await emulator.AuthorizeAsync(
            authorize.Headers.Location!,
            host.Salesforce.Demo.Admin.Username,
            DemoData.Password,
            ConsentDecision.Allow
        );
        callback.GetLeftPart(UriPartial.Path).ShouldBe(MountedHost.CallbackUrl);

        using var completed = await browser.GetPageAsync(callback.PathAndQuery);
        completed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await completed.Content.ReadAsStringAsync());
        completed.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);

        var html = await browser.GetHtmlAsync(ManageOAuth);
        html.ShouldContain("Connected Salesforce org");
        html.ShouldContain("Pending configuration");
        html.ShouldContain(host.Salesforce.Demo.Admin.Username);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/t/demo")]
    [InlineData("/t/demo/settings/it-administration/oauth")]
    [InlineData("/platform/connections")]
    [InlineData("/oauth/callback/salesforce?state=x&code=y")]
    [InlineData("/api/v1/connections")]
    [InlineData("/api/openapi/v1.json")]
    [InlineData("/api/reference")]
    [InlineData("/health/ready")]
    [InlineData("/css/site.css")]
    [InlineData("/error/500")]
    public async Task No_plugin_route_answers_outside_the_prefix(string path)
    {
        var (browser, _) = host.NewBrowser();
        using var __ = browser;

        using var response = await browser.GetPageAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.Contains("Content-Security-Policy").ShouldBeFalse("the plugin's headers are for its own responses");
    }

    [Fact]
    public async Task The_hosts_own_pages_answer_as_the_host_wrote_them()
    {
        var (browser, cookies) = host.NewBrowser();
        using var __ = browser;
        (await SignInAsync(browser, TestUsers.DemoAdmin)).Dispose();

        using var home = await browser.GetPageAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldBe(MountedHost.HostHome);
        home.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
        cookies
            .Container.GetCookies(new Uri("https://localhost/reports"))
            .Where(c => !c.Name.StartsWith("__Host-natero-", StringComparison.Ordinal))
            .ShouldBeEmpty("the sign-in and the plugin's other cookies are not sent to the host's pages");

        using var health = await browser.Client.GetAsync($"{Prefix}/health/ready");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_API_its_document_and_the_links_it_returns_live_under_the_prefix()
    {
        var (browser, _) = host.NewBrowser();
        using var __ = browser;
        (await SignInAsync(browser, TestUsers.DemoAdmin)).Dispose();
        const string keysPage = Prefix + "/t/demo/settings/api-keys";
        using var created = await browser.SubmitAsync(
            keysPage,
            keysPage + "?handler=Create",
            [
                new("NewKey.Name", "automation"),
                new("NewKey.Scopes", "DataConnectors.View"),
                new("NewKey.Scopes", "DataConnectors.Configure"),
                new("NewKey.ExpiresInDays", "30"),
            ]
        );
        var page = await created.Content.ReadAsStringAsync();
        var key = CreatedKey().Match(page);
        key.Success.ShouldBeTrue(page);

        using var api = new HttpClient(host.NewBrowser().Cookies) { BaseAddress = new Uri("https://localhost") };
        api.DefaultRequestHeaders.Authorization = new("Bearer", key.Groups["key"].Value);

        using var list = await api.GetAsync($"{Prefix}/api/v1/connections");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, await list.Content.ReadAsStringAsync());

        using var link = await api.PostAsJsonAsync($"{Prefix}/api/v1/connections/authorizations", new { provider = "salesforce" });
        link.StatusCode.ShouldBe(HttpStatusCode.Created, await link.Content.ReadAsStringAsync());
        var body = JsonDocument.Parse(await link.Content.ReadAsStringAsync()).RootElement;
        new Uri(body.GetProperty("authorizationUrl").GetString()!).AbsolutePath.ShouldStartWith($"{Prefix}/t/demo/connect/");

        using var document = await api.GetAsync($"{Prefix}/api/openapi/v1.json");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).ShouldContain($"{Prefix}/api/v1/connections");
        paths.EnumerateObject().ShouldAllBe(p => p.Name.StartsWith(Prefix + "/api/v1/", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> SignInAsync(Browser browser, string email, string? returnUrl = null)
    {
        var path = returnUrl is null
            ? $"{Prefix}/account/sign-in"
            : $"{Prefix}/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return browser.SubmitAsync(path, path, [new("Input.Email", email), new("Input.Password", TestUsers.Password)]);
    }

    [GeneratedRegex("""(?:href|src|action|data-passkey-options)="(?<url>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("""id="created-key-value">(?<key>[^<]+)<""")]
    private static partial Regex CreatedKey();
}
