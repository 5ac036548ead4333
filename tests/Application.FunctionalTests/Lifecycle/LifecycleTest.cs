using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Application.FunctionalTests.Connections;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Revocations;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// What the token lifecycle tests share: a connected org, the stored row as it is, and the emulator's
/// log of refresh, revoke and REST calls.
/// </summary>
public abstract class LifecycleTest(ApplicationFixture app) : FunctionalTest(app)
{
    protected const string TokenPath = "/services/oauth2/token";
    protected const string RevokePath = "/services/oauth2/revoke";
    protected const string ProbePath = "/services/data/v62.0/";

    /// <summary>How closely a stored time matches (SQLite keeps times to a tenth of a millisecond).</summary>
    protected static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    protected OAuthFlow Flow { get; } = new(app);

    /// <summary>The demo tenant's admin, who holds Configure data connectors.</summary>
    protected Actor Admin { get; private set; } = null!;

    protected Guid DemoTenantId { get; private set; }

    protected IConnectionAccessTokens Tokens => App.Services.GetRequiredService<IConnectionAccessTokens>();

    /// <summary>Refresh-token grants the emulator has served since the test began.</summary>
    protected int RefreshCalls => App.Salesforce.RequestLog.Count(r => r.Path == TokenPath && r.GrantType == "refresh_token");

    protected int RevokeCalls => App.Salesforce.RequestLog.Count(r => r.Path == RevokePath);

    /// <summary>Authenticated REST calls (the probe path) the emulator has served since the test began.</summary>
    protected int RestCalls => App.Salesforce.RequestLog.Count(r => r.Path == ProbePath);

    /// <summary>
    /// One round of the revocation worker (off in tests), which revokes the grants a callback let go; returns how many were due.
    /// </summary>
    protected Task<int> RevokeLetGoGrantsAsync() =>
        App.Services.GetRequiredService<GrantRevocationWorker>().RunOnceAsync(TestContext.Current.CancellationToken);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Admin = await App.UserAsync(TestUsers.DemoAdmin);
        DemoTenantId = await App.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync());
    }

    /// <summary>
    /// The demo admin connects <paramref name="user"/>'s org; the emulator log is then cleared, so that
    /// counts start after the connect flow.
    /// </summary>
    protected async Task<Guid> ConnectAsync(EmulatorUser user, string environment = "Production")
    {
        var completed = await Flow.ConnectAsync(Admin, user, environment);
        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        App.Salesforce.RequestLog.Clear();
        return completed.Value.ConnectionId!.Value;
    }

    /// <summary>Connects and stamps the token as issued now, so that a test starts from a token the app considers fresh.</summary>
    protected async Task<Guid> ConnectFreshAsync(EmulatorUser user, string environment = "Production")
    {
        var id = await ConnectAsync(user, environment);
        await SetAsync(id, nameof(ProviderConnection.AccessTokenIssuedAt), App.Clock.GetUtcNow());
        return id;
    }

    /// <summary>Makes the stored access token older than the access token lifetime (90 minutes), so the next GetAsync refreshes.</summary>
    protected Task AgeAccessTokenAsync(Guid connectionId) =>
        SetAsync(connectionId, nameof(ProviderConnection.AccessTokenIssuedAt), App.Clock.GetUtcNow() - TimeSpan.FromHours(3));

    /// <summary>Writes one column of a connection of the demo tenant, as someone with database access could.</summary>
    protected async Task SetAsync(Guid connectionId, string property, object? value, string tenant = TestUsers.DemoTenant)
    {
        await using var scope = await App.EnterAsync(null, tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleAsync(c => c.Id == connectionId);
        db.Entry(connection).Property(property).CurrentValue = value;
        await db.SaveChangesAsync();
    }

    protected Task<ProviderConnection> ConnectionAsync(Guid connectionId) =>
        App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == connectionId));

    protected Task<List<AuditEvent>> AuditEventsAsync(string action) =>
        App.QueryDbAsync(db => db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action == action).ToListAsync());

    protected static IReadOnlyDictionary<string, string?> DataOf(AuditEvent audit) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(audit.Data ?? "{}")!;

    /// <summary>The stored tokens in clear, as the app would read them for this row.</summary>
    protected async Task<(string? AccessToken, string? RefreshToken)> StoredTokensAsync(Guid connectionId)
    {
        var connection = await ConnectionAsync(connectionId);
        var protector = App.Services.GetRequiredService<ISecretProtector>();
        return (
            connection.AccessTokenCiphertext is { } access
                ? protector.Unprotect(access, SecretBinding.AccessToken(connection.TenantId, connectionId))
                : null,
            connection.RefreshTokenCiphertext is { } refresh
                ? protector.Unprotect(refresh, SecretBinding.RefreshToken(connection.TenantId, connectionId))
                : null
        );
    }

    /// <summary>Asks the emulator's token endpoint directly, as any client holding <paramref name="refreshToken"/> could.</summary>
    protected async Task<HttpResponseMessage> RefreshAtEmulatorAsync(string refreshToken)
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );
        return await http.PostAsync(new Uri(App.Salesforce.ProductionLoginUrl, TokenPath), form);
    }

    /// <summary>Every audit chain walks from its start to its head without a gap or a changed link.</summary>
    protected async Task AuditChainsShouldVerifyAsync()
    {
        var chains = await App.QueryDbAsync(db => db.AuditEvents.IgnoreQueryFilters().Select(e => e.ChainKey).Distinct().ToListAsync());
        foreach (var chain in chains)
        {
            var verified = await App.QueryDbAsync(db => AuditChainVerifier.VerifyAsync(db, chain, CancellationToken.None));
            verified.Intact.ShouldBeTrue($"{chain}: {verified}");
        }
    }
}
