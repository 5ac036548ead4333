using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>One event in full: every field it holds, its place in the chain, and nothing else.</summary>
public sealed partial class AuditDetailPageTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string UsersPage = "/t/demo/settings/users";

    [Fact]
    public async Task The_tenant_detail_shows_exactly_the_fields_of_the_event_and_its_place_in_the_chain()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var membershipId = UsersPageTests.MembershipIdOf(await admin.GetHtmlAsync(UsersPage), TestUsers.DemoMember);
        using var granted = await admin.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Permissions",
            [
                new("membershipId", membershipId),
                new("permissions", Permissions.DataConnectors.View),
                new("permissions", Permissions.Audit.View),
            ]
        );
        granted.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var e = (await Factory.EventsAsync()).ShouldHaveSingleItem();
        var html = await admin.GetHtmlAsync($"{DemoLog}/{e.Id}");

        Details(html).ShouldBe(ExpectedDetails(e, platform: false, targetName: TestUsers.DemoMember), ignoreOrder: true);
        html.ShouldContain($"<code>{e.Action}</code>");
        html.ShouldContain($"<a href=\"{DemoLog}\">← Audit log</a>");
        e.Seq.ShouldBe(1);
        e.PrevHash.ShouldBe(new string('0', 64));
    }

    [Fact]
    public async Task The_detail_link_of_each_row_opens_that_event()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 3; i++)
        {
            await Factory.RecordAsync(demoId, "member.added", $"membership:{i}");
        }

        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var html = await admin.GetHtmlAsync(DemoLog);

        foreach (var row in Rows(html))
        {
            var href = DetailHref().Match(row.Html).Groups[1].Value;
            href.ShouldBe($"{DemoLog}/{row.Id}");
            (await admin.GetHtmlAsync(href)).ShouldContain($"<code>{row.Id}</code>");
        }
    }

    [Fact]
    public async Task The_platform_detail_also_names_the_tenant_or_the_platform()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        var demo = await Factory.RecordAsync(
            demoId,
            "member.removed",
            "membership:1",
            AuditOutcome.Failure,
            "Member was not found.",
            new Dictionary<string, string?> { ["error"] = "not_found", ["request"] = null }
        );
        var platform = await Factory.RecordAsync(
            null,
            "platform.token_keys_rotated",
            "token-keys",
            data: new Dictionary<string, string?> { ["connections"] = "3" }
        );
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        var demoHtml = await auditor.GetHtmlAsync($"{PlatformLog}/{demo.Id}");
        var platformHtml = await auditor.GetHtmlAsync($"{PlatformLog}/{platform.Id}");

        Details(demoHtml).ShouldBe(ExpectedDetails(demo, platform: true, TestUsers.DemoTenant), ignoreOrder: true);
        Details(platformHtml).ShouldBe(ExpectedDetails(platform, platform: true), ignoreOrder: true);
        Details(demoHtml)["Tenant"].ShouldBe(TestUsers.DemoTenant);
        Details(platformHtml)["Tenant"].ShouldBe("Platform");
        Details(demoHtml)["error"].ShouldBe("not_found");
        demoHtml.ShouldContain($"<a href=\"{PlatformLog}\">← Audit log</a>");
    }

    [Fact]
    public async Task An_invitation_link_appears_nowhere_in_the_audit_log()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var added = await admin.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Invite",
            [new("NewMember.Email", "newcomer@demo.test"), new("NewMember.Permissions", Permissions.DataConnectors.View)]
        );
        var token = (await QueuedEmails.LastTo(Factory.Services, "newcomer@demo.test")).InvitationToken();

        var e = (await Factory.EventsAsync()).Single(x => x.Action == "invitation.sent");
        var detail = await admin.GetHtmlAsync($"{DemoLog}/{e.Id}");
        var log = await admin.GetHtmlAsync(DemoLog);
        using var csv = await admin.GetPageAsync(DemoLog + "?handler=export");
        var csvText = await csv.Content.ReadAsStringAsync();

        e.Target.ShouldStartWith("invitation:");
        Details(detail).ShouldBe(ExpectedDetails(e, platform: false, targetName: "newcomer@demo.test"), ignoreOrder: true);
        foreach (var text in new[] { detail, log, csvText })
        {
            text.ShouldNotContain(token);
        }
    }

    [Fact]
    public async Task A_new_tenant_is_audited_with_its_id_and_its_admin_invitation_without_the_link()
    {
        using var platformAdmin = await SignedInAs(TestUsers.PlatformAdmin);
        using var created = await platformAdmin.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", "Acme"), new("Input.Slug", "acme"), new("Input.AdminEmail", "owner@acme.test")]
        );
        var token = (await QueuedEmails.LastTo(Factory.Services, "owner@acme.test")).InvitationToken();

        var events = await Factory.EventsAsync();
        var e = events.Single(x => x.Action == "tenant.created");
        var detail = await platformAdmin.GetHtmlAsync($"{PlatformLog}/{e.Id}");
        using var csv = await platformAdmin.GetPageAsync(PlatformLog + "?handler=export");

        e.Target.ShouldBe($"tenant:{await Factory.TenantIdAsync("acme")}");
        events.Single(x => x.Action == "invitation.sent").TenantId.ShouldBe(await Factory.TenantIdAsync("acme"));
        Details(detail).ShouldBe(ExpectedDetails(e, platform: true, targetName: "Acme"), ignoreOrder: true);
        detail.ShouldNotContain(token);
        (await csv.Content.ReadAsStringAsync()).ShouldNotContain(token);
    }

    /// <summary>
    /// What the detail page should list for <paramref name="e"/>, label by label, in words: a target that names a record
    /// by its name (<paramref name="targetName"/>) and its whole id.
    /// </summary>
    private static Dictionary<string, string> ExpectedDetails(
        AuditEvent e,
        bool platform,
        string? tenantSlug = null,
        string? targetName = null
    )
    {
        var expected = new Dictionary<string, string>
        {
            ["Time (UTC)"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["Actor"] = $"{e.ActorName} ({ActorWords(e.ActorType)}{(e.ActorId is null ? string.Empty : $", id {e.ActorId}")})",
            ["Target"] = e.Target ?? "—",
            ["Outcome"] = e.Outcome switch
            {
                AuditOutcome.Success => "Succeeded",
                AuditOutcome.Failure => "Failed",
                _ => "Denied",
            },
            ["IP address"] = e.IpAddress ?? "—",
            ["User agent"] = e.UserAgent ?? "—",
            ["Correlation id"] = e.CorrelationId ?? "—",
            ["Event id"] = e.Id.ToString(),
            ["Chain"] = e.ChainKey,
            ["Position"] = e.Seq.ToString(CultureInfo.InvariantCulture),
            ["Previous hash"] = e.PrevHash,
            ["Hash"] = e.Hash,
        };
        if (platform)
        {
            expected["Tenant"] = tenantSlug ?? "Platform";
        }

        if (targetName is not null)
        {
            expected["Target"] = targetName;
            expected["Target id"] = e.Target!;
        }

        if (e.Reason is not null)
        {
            expected["Reason"] = e.Reason;
        }

        if (e.Data is not null)
        {
            foreach (
                var (name, value) in System
                    .Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Data)!
                    .Where(d => d.Value is not null)
            )
            {
                expected[name] = value!;
            }
        }

        return expected;
    }

    private static string ActorWords(ActorType type) =>
        type switch
        {
            ActorType.PlatformAdmin => "Natero platform admin",
            ActorType.ApiKey => "API key",
            _ => type.ToString(),
        };

    /// <summary>Every label and value the page lists, tags removed and spaces collapsed.</summary>
    private static Dictionary<string, string> Details(string html) =>
        DetailPair().Matches(html).ToDictionary(m => Text(m.Groups[1].Value), m => Text(m.Groups[2].Value));

    private static string Text(string markup) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(markup, string.Empty)), " ").Trim();

    [GeneratedRegex("<dt>(.*?)</dt>\\s*<dd>(.*?)</dd>", RegexOptions.Singleline)]
    private static partial Regex DetailPair();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex DetailHref();

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex SecretCode();
}
