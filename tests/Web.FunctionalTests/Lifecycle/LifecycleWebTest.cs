using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>
/// What the token lifecycle tests over HTTP share: connecting through the pages, the stored rows, and
/// the emulator's log of refresh, revoke and REST calls.
/// </summary>
public abstract class LifecycleWebTest(NateroWebFactory factory) : WebTest(factory)
{
    protected const string ManageOAuth = ConnectFlow.ManageOAuth;
    protected const string PlatformConnections = "/platform/connections";
    protected const string TokenPath = "/services/oauth2/token";
    protected const string RevokePath = "/services/oauth2/revoke";
    protected const string ProbePath = "/services/data/v62.0/";
    protected const string Auditor = "auditor@natero.test";

    protected DemoData Demo => Factory.Salesforce.Demo;

    protected int RefreshCalls => Factory.Salesforce.RequestLog.Count(r => r.Path == TokenPath && r.GrantType == "refresh_token");

    protected int RevokeCalls => Factory.Salesforce.RequestLog.Count(r => r.Path == RevokePath);

    /// <summary>Skips the test unless this run uses PostgreSQL: only there do two instances share a database and its locks.</summary>
    protected static void RequirePostgres(string what)
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Skip($"{what} needs PostgreSQL (two instances sharing one database); this run uses {TestDatabase.Requested}.");
        }
    }

    /// <summary>Connects <paramref name="user"/>'s org through Manage OAuth; the emulator log is then cleared.</summary>
    protected async Task<Guid> ConnectAsync(Browser browser, EmulatorUser user, string environment = "Production")
    {
        using (var response = await ConnectFlow.ConnectAsync(browser, user, environment))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var connection = (await ConnectionsAsync()).Single(c => c.ExternalOrgId == user.Org.Id);
        connection.HasTokens.ShouldBeTrue(connection.LastErrorMessage);
        Factory.Salesforce.RequestLog.Clear();
        return connection.Id;
    }

    /// <summary>Stamps the stored access token as issued now, so that a test starts from a token the app considers fresh.</summary>
    protected Task MarkTokenFreshAsync(Guid connectionId) =>
        SetAsync(connectionId, nameof(ProviderConnection.AccessTokenIssuedAt), DateTimeOffset.UtcNow);

    /// <summary>Makes the stored access token older than the access token lifetime (90 minutes).</summary>
    protected Task AgeAccessTokenAsync(Guid connectionId) =>
        SetAsync(connectionId, nameof(ProviderConnection.AccessTokenIssuedAt), DateTimeOffset.UtcNow - TimeSpan.FromHours(3));

    protected Task MakeDueAsync(Guid connectionId) =>
        SetAsync(connectionId, nameof(ProviderConnection.NextVerificationAt), DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1));

    /// <summary>Writes one column of a connection, inside its tenant, as someone with database access could.</summary>
    protected async Task SetAsync(Guid connectionId, string property, object? value)
    {
        var tenantId = (await ConnectionsAsync()).Single(c => c.Id == connectionId).TenantId;
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId, string.Empty);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleAsync(c => c.Id == connectionId);
        db.Entry(connection).Property(property).CurrentValue = value;
        await db.SaveChangesAsync();
    }

    protected async Task<List<ProviderConnection>> ConnectionsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .ProviderConnections.IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync();
    }

    protected async Task<ProviderConnection> ConnectionAsync(Guid connectionId) =>
        (await ConnectionsAsync()).Single(c => c.Id == connectionId);

    protected async Task<Guid> TenantIdAsync(string slug = TestUsers.DemoTenant)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .Tenants.Where(t => t.Slug == slug)
            .Select(t => t.Id)
            .SingleAsync();
    }

    protected async Task<List<AuditEvent>> AuditEventsAsync(string action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    /// <summary>The stored refresh token in clear, as the app would read it for this row.</summary>
    protected async Task<string?> StoredRefreshTokenAsync(Guid connectionId)
    {
        var connection = await ConnectionAsync(connectionId);
        return connection.RefreshTokenCiphertext is { } ciphertext
            ? Factory
                .Services.GetRequiredService<ISecretProtector>()
                .Unprotect(ciphertext, SecretBinding.RefreshToken(connection.TenantId, connectionId))
            : null;
    }

    /// <summary>A Natero staff member with the PlatformAuditor role and the shared test password.</summary>
    protected async Task CreateAuditorAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = Auditor,
            Email = Auditor,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, PlatformRoles.PlatformAuditor)).Succeeded.ShouldBeTrue();
    }

    /// <summary>The part of a page that shows one connection, from its heading to the end of its article.</summary>
    protected static string ConnectionOnPage(string html, Guid connectionId)
    {
        var start = html.IndexOf($"id=\"conn-{connectionId}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"connection {connectionId} is not on the page");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
