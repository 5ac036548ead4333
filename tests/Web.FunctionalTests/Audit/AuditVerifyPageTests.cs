using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>"Verify chain" on the pages: the verifier's answer in words, above the log.</summary>
public sealed partial class AuditVerifyPageTests(NateroWebFactory factory) : WebTest(factory)
{
    private Guid _demoId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 4; i++)
        {
            await Factory.RecordAsync(_demoId, "member.added", $"membership:{i}");
        }

        await Factory.RecordAsync(null, "platform.token_keys_rotated", "token-keys");
    }

    [Fact]
    public async Task An_untouched_tenant_chain_is_shown_as_verified_above_the_log()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync(DemoLog + "?handler=verify");

        Verification(html).ShouldBe("intact");
        html.ShouldContain("Chain verified.");
        html.ShouldContain("Intact: all 4 events are in place and unaltered.");
        Rows(html).Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_tampered_tenant_chain_is_shown_as_broken_at_the_altered_event()
    {
        await Factory.TamperAsync(
            $"UPDATE \"AuditEvents\" SET \"Target\" = 'membership:forged' WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 2"
        );
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync(DemoLog + "?handler=verify");

        Verification(html).ShouldBe("broken");
        html.ShouldContain("The chain is broken.");
        html.ShouldContain("Event 2 was altered after it was recorded: its content no longer matches its hash.");
        html.ShouldNotContain("Chain verified.");
    }

    [Fact]
    public async Task A_removed_event_is_shown_as_missing()
    {
        await Factory.TamperAsync($"DELETE FROM \"AuditEvents\" WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 3");
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync(DemoLog + "?handler=verify");

        Verification(html).ShouldBe("broken");
        html.ShouldContain("Event 3 is missing: the chain jumps from 2 to 4.");
    }

    [Fact]
    public async Task The_platform_page_verifies_the_chain_of_the_tenant_in_its_filter_or_else_the_platform_chain()
    {
        await Factory.TamperAsync($"UPDATE \"AuditEvents\" SET \"Reason\" = 'forged' WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 1");
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        var platform = await auditor.GetHtmlAsync(PlatformLog + "?handler=verify");
        var demo = await auditor.GetHtmlAsync(PlatformLog + "?handler=verify&tenant=demo");

        Verification(platform).ShouldBe("intact");
        // The platform chain holds what the setup recorded and the auditor's own sign-in.
        platform.ShouldMatch(@"(?s).*Intact: all \d+ events are in place and unaltered\..*");
        Verification(demo).ShouldBe("broken");
        demo.ShouldContain("Event 1 was altered");
        demo.ShouldContain("Verifies the chain of tenant demo.");
    }

    [Fact]
    public async Task The_verify_button_keeps_the_tenant_of_the_platform_filter()
    {
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        var html = await auditor.GetHtmlAsync(PlatformLog + "?tenant=demo");

        html.ShouldContain("<input type=\"hidden\" name=\"handler\" value=\"verify\" />");
        html.ShouldContain("<input type=\"hidden\" name=\"tenant\" value=\"demo\" />");
    }

    [Fact]
    public async Task Verifying_an_unknown_tenant_says_so_without_a_server_error()
    {
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        using var response = await auditor.GetPageAsync(PlatformLog + "?handler=verify&tenant=no-such-tenant");

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Tenant &#x27;no-such-tenant&#x27; was not found.");
        ShouldShowNoInternals(html);
    }

    [Fact]
    public async Task Verifying_changes_nothing_and_records_nothing()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var before = (await Factory.EventsAsync()).Count;

        await admin.GetHtmlAsync(DemoLog + "?handler=verify");
        await admin.GetHtmlAsync(DemoLog + "?handler=verify");

        (await Factory.EventsAsync()).Count.ShouldBe(before);
    }

    private static string Verification(string html) =>
        VerificationAttribute().Match(html) is { Success: true } m ? m.Groups[1].Value : "none";

    [GeneratedRegex("data-verification=\"([a-z]+)\"")]
    private static partial Regex VerificationAttribute();
}
