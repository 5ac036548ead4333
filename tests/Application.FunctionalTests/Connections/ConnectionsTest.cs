using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// What the connect-flow tests share: the demo admin, the emulator's log of token calls, and the rows a
/// flow leaves behind, read past every tenant filter.
/// </summary>
public abstract partial class ConnectionsTest(ApplicationFixture app) : FunctionalTest(app)
{
    protected const string TokenPath = "/services/oauth2/token";
    protected const string OtherTenant = "other";
    protected const string OtherAdminEmail = "admin@other.test";

    protected OAuthFlow Flow { get; } = new(app);

    /// <summary>The demo tenant's admin, who holds every tenant permission.</summary>
    protected Actor Admin { get; private set; } = null!;

    protected DemoData Salesforce => App.Salesforce.Demo;

    /// <summary>Calls to the token endpoint, on any host, since the test began.</summary>
    protected int TokenCalls => TokenRequests.Count;

    protected IReadOnlyList<LoggedRequest> TokenRequests => [.. App.Salesforce.RequestLog.Where(r => r.Path == TokenPath)];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.UserAsync(TestUsers.DemoAdmin);
    }

    /// <summary>
    /// The token calls once the emulator has logged them all: a request the client abandoned is logged
    /// only when the emulator notices, a moment after the client gave up.
    /// </summary>
    protected async Task<int> SettledTokenCallsAsync(int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (TokenCalls < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return TokenCalls;
    }

    protected Task<List<ProviderConnection>> ConnectionsAsync() =>
        App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync());

    protected Task<ProviderConnection> ConnectionAsync(Guid id) =>
        App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id));

    protected Task<List<PendingAuthorization>> AttemptsAsync() =>
        App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().AsNoTracking().OrderBy(p => p.CreatedAt).ToListAsync());

    protected Task<List<AuditEvent>> AuditEventsAsync(string action) =>
        App.QueryDbAsync(db => db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action == action).ToListAsync());

    protected Task<int> AuditEventCountAsync() => App.QueryDbAsync(db => db.AuditEvents.IgnoreQueryFilters().CountAsync());

    protected Task<Guid> TenantIdAsync(string slug) =>
        App.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    /// <summary>Creates tenant "other" as the platform admin; returns its admin, who holds every tenant permission there.</summary>
    protected async Task<Actor> CreateOtherTenantAsync()
    {
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        return await App.CreateTenantAsync(OtherTenant, OtherAdminEmail, "Other");
    }

    /// <summary>The demo admin connects <paramref name="user"/>'s org; returns the connection id.</summary>
    protected async Task<Guid> ConnectAsync(
        EmulatorUser user,
        string environment = "Production",
        Actor? actor = null,
        string tenant = TestUsers.DemoTenant
    )
    {
        var completed = await Flow.ConnectAsync(actor ?? Admin, user, environment, tenant: tenant);
        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        return completed.Value.ConnectionId!.Value;
    }

    /// <summary>A connection's tokens in clear, decrypted the way the app reads its own row.</summary>
    protected async Task<(string AccessToken, string? RefreshToken)> StoredTokensAsync(Guid connectionId)
    {
        var connection = await ConnectionAsync(connectionId);
        var protector = App.Services.GetRequiredService<ISecretProtector>();
        var access = protector.Unprotect(connection.AccessTokenCiphertext!, SecretBinding.AccessToken(connection.TenantId, connectionId));
        var refresh = connection.RefreshTokenCiphertext is { } stored
            ? protector.Unprotect(stored, SecretBinding.RefreshToken(connection.TenantId, connectionId))
            : null;
        access.ShouldNotBeNull("the app cannot read its own access token");
        return (access, refresh);
    }

    /// <summary>Salesforce's access token shape: the 15-character org id, <c>!</c>, then the session part.</summary>
    [GeneratedRegex("00D[A-Za-z0-9]{12,15}!")]
    protected static partial Regex AccessTokenShape();
}
