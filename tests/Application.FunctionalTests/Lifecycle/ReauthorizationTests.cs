using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// R2 and R3: a refused refresh token stops the connection once, and authorizing again brings the same one back;
/// one connection per org, and authorizing an org again mends the connection it has, whatever was wrong with it.
/// </summary>
public sealed class ReauthorizationTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task R2_a_revoked_refresh_token_moves_the_connection_to_needs_reauthorization_once_without_retrying()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(_ => Task.Run(() => Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)))
        );

        results.ShouldAllBe(r => !r.IsSuccess && r.Error!.Code == "needs_reauthorization");
        RefreshCalls.ShouldBe(1);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorCode.ShouldBe("refresh_rejected");
        connection.LastErrorMessage!.ShouldContain("authorize again");
        connection.RefreshFailureCount.ShouldBe(1);
        var audit = (await AuditEventsAsync("connection.needs_reauthorization")).ShouldHaveSingleItem();
        audit.Outcome.ShouldBe(AuditOutcome.Failure);
        audit.TenantId.ShouldBe(DemoTenantId);
        audit.Target.ShouldBe($"connection:{id}");

        var later = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        later.IsSuccess.ShouldBeFalse();
        later.Error!.Code.ShouldBe("needs_reauthorization");
        later.Error.Message.ShouldContain("authorize again");
        RefreshCalls.ShouldBe(1);
        (await AuditEventsAsync("connection.needs_reauthorization")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task R2_an_inactive_salesforce_user_is_explained_in_words()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Demo.Admin.Active = false;
        try
        {
            await AgeAccessTokenAsync(id);

            var result = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

            result.Error!.Code.ShouldBe("needs_reauthorization");
            RefreshCalls.ShouldBe(1);
            var connection = await ConnectionAsync(id);
            connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
            connection.LastErrorMessage.ShouldBe(
                "The Salesforce user is inactive. A Salesforce admin must reactivate the user (Setup > Users), "
                    + "or a different, active user must authorize. Then someone must authorize again."
            );
        }
        finally
        {
            App.Salesforce.Demo.Admin.Active = true;
        }
    }

    [Fact]
    public async Task R2_after_expired_access_tokens_a_rejected_token_is_refreshed_and_a_revoked_one_gives_up()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var first = (await StoredTokensAsync(id)).AccessToken!;
        App.Salesforce.ExpireAllAccessTokens();

        var refreshed = await Tokens.RefreshAfterRejectionAsync(DemoTenantId, id, first, CancellationToken.None);

        refreshed.IsSuccess.ShouldBeTrue(refreshed.Error?.Message);
        refreshed.Value.AccessToken.ShouldNotBe(first);
        RefreshCalls.ShouldBe(1);

        // A second caller that saw the same rejection takes the token the first one stored.
        var late = await Tokens.RefreshAfterRejectionAsync(DemoTenantId, id, first, CancellationToken.None);

        late.Value.AccessToken.ShouldBe(refreshed.Value.AccessToken);
        RefreshCalls.ShouldBe(1);

        App.Salesforce.RevokeAllTokens();
        var revoked = await Tokens.RefreshAfterRejectionAsync(DemoTenantId, id, refreshed.Value.AccessToken, CancellationToken.None);

        revoked.Error!.Code.ShouldBe("needs_reauthorization");
        RefreshCalls.ShouldBe(2);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        (await AuditEventsAsync("connection.needs_reauthorization")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task R3_reauthorizing_the_same_org_restores_the_same_connection()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeFalse();

        var again = await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin);

        again.Value.Connected.ShouldBeTrue(again.Value.Message);
        again.Value.ConnectionId.ShouldBe(id);
        again.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.LastErrorCode.ShouldBeNull();
        connection.RefreshFailureCount.ShouldBe(0);
        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);
        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        App.Salesforce.IsTokenActive(token.Value.AccessToken).ShouldBeTrue();
        (await App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().CountAsync())).ShouldBe(1);
        (await App.SendAsync(new ListConnectionsQuery(), Admin, TestUsers.DemoTenant)).Value.Items.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task R3_reauthorizing_the_same_org_keeps_the_connection_id_and_moves_authorized_at()
    {
        var first = await ConnectAsync(Demo.Admin);
        var before = await ConnectionAsync(first);
        App.Clock.Advance(TimeSpan.FromMinutes(30));

        var completed = await Flow.ConnectAsync(Admin, Demo.Admin);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.ConnectionId.ShouldBe(first);
        var after = (await ConnectionsAsync()).ShouldHaveSingleItem();
        after.Id.ShouldBe(first);
        after.AuthorizedAt.ShouldBeGreaterThan(before.AuthorizedAt);
        (after.AuthorizedAt - App.Clock.GetUtcNow()).Duration().ShouldBeLessThan(Precision);
        after.AccessTokenCiphertext.ShouldNotBe(before.AccessTokenCiphertext);
        (await AuditEventsAsync("connection.reauthorized")).ShouldHaveSingleItem().Target.ShouldBe($"connection:{first}");
    }

    [Fact]
    public async Task R3_authorizing_a_second_org_adds_a_second_connection()
    {
        var acme = await ConnectAsync(Demo.Admin);

        var sandbox = await ConnectAsync(Demo.SandboxAdmin, "Sandbox");

        sandbox.ShouldNotBe(acme);
        var connections = (await App.SendAsync(new ListConnectionsQuery(), Admin, TestUsers.DemoTenant)).Value.Items;
        connections.Select(c => c.ExternalOrgId).ShouldBe([Demo.Acme.Id, Demo.AcmeSandbox.Id], ignoreOrder: true);
        (await ConnectionsAsync()).Count.ShouldBe(2);
        (await AuditEventsAsync("connection.authorized")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task R3_two_callbacks_for_the_same_new_org_completing_at_once_leave_one_connection_and_both_succeed()
    {
        var firstTab = await Flow.CallbackAsync(Admin, Demo.Admin);
        var secondTab = await Flow.CallbackAsync(Admin, Demo.Admin);

        var results = await Task.WhenAll(
            Task.Run(() => Flow.CompleteAsync(firstTab, Admin)),
            Task.Run(() => Flow.CompleteAsync(secondTab, Admin))
        );

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Connected);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        results.ShouldAllBe(r => r.Value.ConnectionId == connection.Id);
        (await App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().AsNoTracking().ToListAsync())).ShouldAllBe(a =>
            a.Outcome == AuthorizationOutcome.Connected
        );
        (await AuditEventsAsync("connection.authorized")).ShouldHaveSingleItem();
        (await AuditEventsAsync("connection.reauthorized")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Reauthorizing_an_org_that_had_no_api_access_by_a_user_with_api_enabled_makes_it_healthy_again()
    {
        var id = await ConnectAsync(Demo.NoApiUser);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);

        var completed = await Flow.ConnectAsync(Admin, Demo.Admin);

        completed.Value.ConnectionId.ShouldBe(id);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var mended = (await ConnectionsAsync()).ShouldHaveSingleItem();
        mended.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        mended.Username.ShouldBe(Demo.Admin.Username);
        mended.LastErrorCode.ShouldBeNull();
        mended.LastErrorMessage.ShouldBeNull();
    }

    [Fact]
    public async Task Reauthorizing_an_active_connection_marked_api_access_disabled_returns_it_to_active()
    {
        var id = await ConnectAsync(Demo.Admin);
        await ChangeAsync(id, (connection, now) =>
        {
            connection.CompleteConfiguration(Admin.UserId, null, now);
            connection.MarkApiAccessDisabled(
                new ConnectionError("API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization."),
                now
            );
        });

        var completed = await Flow.ConnectAsync(Admin, Demo.Admin);

        completed.Value.Status.ShouldBe(ConnectionStatus.Active);
        var mended = await ConnectionAsync(id);
        mended.Status.ShouldBe(ConnectionStatus.Active);
        mended.ConfigurationCompletedAt.ShouldNotBeNull();
        mended.LastErrorCode.ShouldBeNull();
    }

    private DemoData Demo => App.Salesforce.Demo;

    private Task<List<ProviderConnection>> ConnectionsAsync() =>
        App.QueryDbAsync(db => db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync());

    /// <summary>Moves a demo connection through its own methods, as another use case would have.</summary>
    private async Task ChangeAsync(Guid id, Action<ProviderConnection, DateTimeOffset> change)
    {
        await using var scope = await App.EnterAsync(Admin, TestUsers.DemoTenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleAsync(c => c.Id == id);
        change(connection, App.Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }
}
