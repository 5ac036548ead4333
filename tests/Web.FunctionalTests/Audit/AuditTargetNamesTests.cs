using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>The audit logs name what each event was done to, with the raw id on hover and in full on the event's page.</summary>
public sealed class AuditTargetNamesTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string OrgId = "00DNAMEDORG000001";
    private const string KeyName = "Nightly export";
    private const string WebhookName = "Order sync receiver";
    private const string WebhookUrl = "https://hooks.example.test/orders";

    [Fact]
    public async Task The_tenant_log_names_each_target_and_keeps_its_id_on_hover()
    {
        var seeded = await SeedAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var rows = Rows(await admin.GetHtmlAsync(DemoLog)).ToDictionary(r => r.Action);

        TargetCell(rows["connection.refreshed"]).ShouldBe(($"connection:{seeded.Connection}", OrgId));
        TargetCell(rows["api_key.revoked"]).ShouldBe(($"api_key:{seeded.Key}", KeyName));
        TargetCell(rows["webhook.updated"]).ShouldBe(($"webhook:{seeded.Webhook}", WebhookName));
        TargetCell(rows["webhook.created"]).ShouldBe(($"webhook:{seeded.UndescribedWebhook}", WebhookUrl));
        TargetCell(rows["member.removed"]).ShouldBe(($"membership:{seeded.Membership}", TestUsers.DemoMember));
        TargetCell(rows["account.password_changed"]).ShouldBe(($"user:{seeded.MemberUser}", TestUsers.DemoMember));
        TargetCell(rows["tenant.renamed"]).ShouldBe(($"tenant:{seeded.Tenant}", "Demo Company"));
        TargetCell(rows["connection.deleted"]).ShouldBe(($"connection:{seeded.Deleted}", $"connection {seeded.Deleted:N}"[..19]));
        TargetCell(rows["platform.token_keys_rotated"]).ShouldBe(("token-keys", "token-keys"));
    }

    [Fact]
    public async Task A_tenant_log_never_names_a_record_outside_its_tenant()
    {
        var seeded = await SeedAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        var tenantRow = Rows(await admin.GetHtmlAsync(DemoLog)).Single(r => r.Action == "api_key.used");
        var platformRow = Rows(await auditor.GetHtmlAsync(PlatformLog)).Single(r => r.Action == "api_key.used");

        TargetCell(tenantRow).ShouldBe(($"api_key:{seeded.PlatformKey}", $"api_key {seeded.PlatformKey:N}"[..16]));
        TargetCell(platformRow).ShouldBe(($"api_key:{seeded.PlatformKey}", "Platform monitoring"));
    }

    [Fact]
    public async Task The_platform_log_names_the_targets_of_every_tenant()
    {
        var seeded = await SeedAsync();
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        var rows = Rows(await auditor.GetHtmlAsync(PlatformLog)).ToDictionary(r => r.Action);

        TargetCell(rows["connection.refreshed"]).ShouldBe(($"connection:{seeded.Connection}", OrgId));
        TargetCell(rows["member.removed"]).ShouldBe(($"membership:{seeded.Membership}", TestUsers.DemoMember));
        TargetCell(rows["webhook.updated"]).ShouldBe(($"webhook:{seeded.Webhook}", WebhookName));
    }

    [Fact]
    public async Task The_event_page_shows_the_name_and_the_whole_id()
    {
        var seeded = await SeedAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var row = Rows(await admin.GetHtmlAsync(DemoLog)).Single(r => r.Action == "api_key.revoked");

        var html = await admin.GetHtmlAsync($"{DemoLog}/{row.Id}");

        html.ShouldContain($"<dt>Target</dt><dd>{KeyName}</dd>");
        html.ShouldContain($"<dt>Target id</dt><dd><code class=\"id\">api_key:{seeded.Key}</code></dd>");
    }

    /// <summary>The raw target in the cell's title and the name it shows.</summary>
    private static (string Title, string Shown) TargetCell(AuditRow row)
    {
        var match = System.Text.RegularExpressions.Regex.Match(
            row.Html,
            "<td class=\"target\" data-label=\"Target\">\\s*<span title=\"([^\"]*)\">([^<]*)</span>"
        );
        match.Success.ShouldBeTrue(row.Html);
        return (WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    private sealed record Seeded(
        Guid Tenant,
        Guid Connection,
        Guid Key,
        Guid PlatformKey,
        Guid Webhook,
        Guid UndescribedWebhook,
        Guid Membership,
        Guid MemberUser,
        Guid Deleted
    );

    /// <summary>One record of each kind in the demo tenant, a platform key, and an event naming each in the demo chain.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var demo = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        var now = Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var connection = await Factory.AddConnectionAsync(TestUsers.DemoTenant, now, OrgId);
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = (await users.FindByEmailAsync(TestUsers.DemoAdmin))!.Id;
        var member = (await users.FindByEmailAsync(TestUsers.DemoMember))!.Id;
        var membership = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == member).Select(m => m.Id).SingleAsync();
        var expires = now.AddDays(30);
        var key = ApiKey.Create(
            Guid.CreateVersion7(),
            demo,
            KeyName,
            "nat_a1",
            "hash-a",
            [Permissions.DataConnectors.View],
            admin,
            expires
        );
        var platformKey = ApiKey.Create(
            Guid.CreateVersion7(),
            null,
            "Platform monitoring",
            "nat_b2",
            "hash-b",
            [PlatformRoles.PlatformAuditor],
            admin,
            expires
        );
        var webhook = WebhookEndpoint.Create(Guid.CreateVersion7(), demo, new Uri(WebhookUrl), WebhookName, ["*"], "secret-a", admin);
        var undescribed = WebhookEndpoint.Create(Guid.CreateVersion7(), demo, new Uri(WebhookUrl), null, ["*"], "secret-b", admin);
        db.AddRange(key, platformKey, webhook, undescribed);
        await db.SaveChangesAsync();

        var deleted = Guid.CreateVersion7();
        foreach (
            var (action, target) in new[]
            {
                ("connection.refreshed", $"connection:{connection}"),
                ("api_key.revoked", $"api_key:{key.Id}"),
                ("api_key.used", $"api_key:{platformKey.Id}"),
                ("webhook.updated", $"webhook:{webhook.Id}"),
                ("webhook.created", $"webhook:{undescribed.Id}"),
                ("member.removed", $"membership:{membership}"),
                ("account.password_changed", $"user:{member}"),
                ("tenant.renamed", $"tenant:{demo}"),
                ("connection.deleted", $"connection:{deleted}"),
                ("platform.token_keys_rotated", "token-keys"),
            }
        )
        {
            await Factory.RecordAsync(demo, action, target);
        }

        return new Seeded(demo, connection, key.Id, platformKey.Id, webhook.Id, undescribed.Id, membership, member, deleted);
    }
}
