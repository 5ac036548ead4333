using System.Net;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>Who may open the audit log pages, their detail pages, the export and the verification.</summary>
public sealed class AuditPagesAccessTests(NateroWebFactory factory) : WebTest(factory)
{
    private Guid _demoEventId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        using (var platform = await SignedInAs(TestUsers.PlatformAdmin))
        {
            await Factory.CreateTenantAsync(platform, "other");
        }

        await Factory.CreateAuditorAsync();
        _demoEventId = (await Factory.RecordAsync(await Factory.TenantIdAsync(TestUsers.DemoTenant), "member.added", "membership:1")).Id;
    }

    [Fact]
    public async Task Nobody_signed_in_is_sent_to_sign_in_from_every_audit_page()
    {
        using var browser = Factory.NewBrowser();

        foreach (var path in PlatformPaths().Concat(TenantPaths()))
        {
            using var response = await browser.GetPageAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in", Case.Sensitive, path);
            response.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/csv", path);
        }
    }

    [Fact]
    public async Task A_client_that_does_not_ask_for_html_gets_401_and_no_csv()
    {
        using var client = Factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        using var platform = await client.GetAsync(PlatformLog + "?handler=export");
        using var tenant = await client.GetAsync(DemoLog + "?handler=export");

        platform.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        tenant.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_member_without_view_audit_log_gets_403_naming_the_permission_on_every_audit_page()
    {
        using var browser = await SignedInAs(TestUsers.DemoMember);

        foreach (var path in TenantPaths())
        {
            using var response = await browser.GetPageAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await response.Content.ReadAsStringAsync()).ShouldContain(
                "You need the &quot;View audit log&quot; permission",
                Case.Sensitive,
                path
            );
        }

        await ShouldAllBeAsync(browser, PlatformPaths(), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_of_another_tenant_gets_404_on_the_demo_pages_and_403_on_the_platform_pages()
    {
        using var browser = await SignedInAs("admin@other.test");

        await ShouldAllBeAsync(browser, TenantPaths(), HttpStatusCode.NotFound);
        await ShouldAllBeAsync(browser, PlatformPaths(), HttpStatusCode.Forbidden);
        foreach (var path in TenantPaths())
        {
            using var response = await browser.GetPageAsync(path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(_demoEventId.ToString(), Case.Sensitive, path);
        }
    }

    [Fact]
    public async Task A_tenant_admin_opens_every_tenant_audit_page_and_gets_403_on_the_platform_ones()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        await ShouldAllBeAsync(browser, TenantPaths(), HttpStatusCode.OK);
        await ShouldAllBeAsync(browser, PlatformPaths(), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(AuditorEmail)]
    [InlineData(TestUsers.PlatformAdmin)]
    public async Task Natero_staff_open_every_platform_audit_page_but_no_tenant_page_they_are_not_a_member_of(string email)
    {
        using var browser = await SignedInAs(email);

        await ShouldAllBeAsync(browser, PlatformPaths(), HttpStatusCode.OK);
        await ShouldAllBeAsync(browser, TenantPaths(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sidebar_links_the_audit_log_for_those_who_may_see_it_only()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var auditor = await SignedInAs(AuditorEmail);

        (await admin.GetHtmlAsync("/t/demo")).ShouldContain($"href=\"{DemoLog}\"");
        (await admin.GetHtmlAsync("/t/demo")).ShouldNotContain($"href=\"{PlatformLog}\"");
        (await member.GetHtmlAsync("/t/demo")).ShouldNotContain("settings/audit");
        (await auditor.GetHtmlAsync("/platform/tenants")).ShouldContain($"href=\"{PlatformLog}\"");
    }

    [Fact]
    public async Task A_detail_path_that_is_not_an_event_id_is_404()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var auditor = await SignedInAs(AuditorEmail);

        using var tenant = await admin.GetPageAsync(DemoLog + "/not-a-guid");
        using var unknown = await admin.GetPageAsync($"{DemoLog}/{Guid.NewGuid()}");
        using var platform = await auditor.GetPageAsync($"{PlatformLog}/{Guid.NewGuid()}");

        tenant.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        platform.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private string[] PlatformPaths() =>
        [PlatformLog, $"{PlatformLog}/{_demoEventId}", $"{PlatformLog}?handler=export", $"{PlatformLog}?handler=verify"];

    private string[] TenantPaths() => [DemoLog, $"{DemoLog}/{_demoEventId}", $"{DemoLog}?handler=export", $"{DemoLog}?handler=verify"];

    private static async Task ShouldAllBeAsync(Browser browser, IEnumerable<string> paths, HttpStatusCode expected)
    {
        foreach (var path in paths)
        {
            using var response = await browser.GetPageAsync(path);
            response.StatusCode.ShouldBe(expected, path);
            var body = await response.Content.ReadAsStringAsync();
            if (expected != HttpStatusCode.OK)
            {
                response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html", path);
                body.ShouldNotContain(",event_id,", Case.Sensitive, path);
            }
            else if (path.EndsWith("handler=export", StringComparison.Ordinal))
            {
                response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv", path);
            }
            else if (path.EndsWith("handler=verify", StringComparison.Ordinal))
            {
                body.ShouldContain("data-verification=\"intact\"", Case.Sensitive, path);
            }
        }
    }
}
