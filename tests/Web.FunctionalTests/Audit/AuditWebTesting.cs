using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>What the audit page tests share: people, events, tampering, and reading the pages back.</summary>
internal static partial class AuditWebTesting
{
    public const string PlatformLog = "/platform/audit";
    public const string DemoLog = "/t/demo/settings/audit";
    public const string AuditorEmail = "auditor@natero.test";

    /// <summary>
    /// Creates tenant <paramref name="slug"/> on the tenants page, with admin <c>admin@{slug}.test</c> who signs in with the test
    /// password.
    /// </summary>
    public static async Task CreateTenantAsync(this NateroWebFactory factory, Browser platformAdmin, string slug)
    {
        using var response = await platformAdmin.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", slug.ToUpperInvariant()), new("Input.Slug", slug), new("Input.AdminEmail", $"admin@{slug}.test")]
        );
        (await response.Content.ReadAsStringAsync()).ShouldContain(
            "was invited as its admin",
            customMessage: $"tenant {slug} should be created"
        );
        await factory.AcceptInvitationAsync($"admin@{slug}.test");
    }

    /// <summary>A Natero staff member who may read every audit log and change nothing.</summary>
    public static async Task CreateAuditorAsync(this NateroWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = AuditorEmail,
            Email = AuditorEmail,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, PlatformRoles.PlatformAuditor)).Succeeded.ShouldBeTrue();
    }

    public static async Task<Guid> TenantIdAsync(this NateroWebFactory factory, string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .Tenants.Where(t => t.Slug == slug)
            .Select(t => t.Id)
            .SingleAsync();
    }

    /// <summary>Records one event as the app itself would (the "system" actor), in a tenant's chain or the platform's.</summary>
    public static async Task<AuditEvent> RecordAsync(
        this NateroWebFactory factory,
        Guid? tenantId,
        string action,
        string? target = null,
        AuditOutcome outcome = AuditOutcome.Success,
        string? reason = null,
        IReadOnlyDictionary<string, string?>? data = null
    )
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var recorded = scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(action, target, outcome, reason, tenantId, data);
        await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
        return recorded;
    }

    /// <summary>The audit events, without the sign-ins of the test's own people (every signed-in browser leaves one).</summary>
    public static async Task<List<AuditEvent>> EventsAsync(this NateroWebFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .AuditEvents.AsNoTracking()
            .Where(e => e.Action != SignedIn)
            .ToListAsync();
    }

    public const string SignedIn = "account.signed_in";

    /// <summary>Changes audit rows behind the app's back, as only a privileged maintenance session can.</summary>
    public static async Task TamperAsync(this NateroWebFactory factory, string sql)
    {
        await using var connection = factory.Database.OpenConnection();
        await factory.Database.AsMaintenanceAsync(connection, sql);
    }

    /// <summary>The event rows of an audit log page, in the order shown.</summary>
    public static List<AuditRow> Rows(string html) =>
        [
            .. Row()
                .Matches(html)
                .Select(m => new AuditRow(
                    Guid.Parse(m.Groups[1].Value),
                    WebUtility.HtmlDecode(FirstCode().Match(m.Groups[2].Value).Groups[1].Value),
                    m.Groups[2].Value
                )),
        ];

    /// <summary>The "Older events" link, decoded, or null on the last page.</summary>
    public static string? NextLink(string html) =>
        NextAnchor().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>Every row from <paramref name="path"/> on, following "Older events" to the last page.</summary>
    public static async Task<List<AuditRow>> WalkAsync(this Browser browser, string path)
    {
        var rows = new List<AuditRow>();
        string? next = path;
        for (var pages = 0; next is not null; pages++)
        {
            pages.ShouldBeLessThan(100, "the pages never end");
            var html = await browser.GetHtmlAsync(next);
            rows.AddRange(Rows(html));
            next = NextLink(html);
        }

        return rows;
    }

    /// <summary>What a page may never show: the inside of the server.</summary>
    public static void ShouldShowNoInternals(string html)
    {
        html.ShouldNotContain("Exception", Case.Sensitive);
        html.ShouldNotContain("   at ", Case.Sensitive);
        html.ShouldNotContain("Natero.Connectors.", Case.Sensitive);
    }

    [GeneratedRegex("<tr data-event-id=\"([0-9a-f-]{36})\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<code>([^<]*)</code>")]
    private static partial Regex FirstCode();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextAnchor();

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex SecretCode();
}
