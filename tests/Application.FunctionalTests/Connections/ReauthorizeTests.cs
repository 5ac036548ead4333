using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>R3: one connection per org; authorizing an org again mends the connection it has.</summary>
public sealed class ReauthorizeTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Fact]
    public async Task R3_reauthorizing_the_same_org_keeps_the_connection_id_and_moves_authorized_at()
    {
        var first = await ConnectAsync(Salesforce.Admin);
        var before = await ConnectionAsync(first);
        App.Clock.Advance(TimeSpan.FromMinutes(30));

        var completed = await Flow.ConnectAsync(Admin, Salesforce.Admin);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.ConnectionId.ShouldBe(first);
        var after = (await ConnectionsAsync()).ShouldHaveSingleItem();
        after.Id.ShouldBe(first);
        after.AuthorizedAt.ShouldBeGreaterThan(before.AuthorizedAt);
        (after.AuthorizedAt - App.Clock.GetUtcNow()).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
        after.AccessTokenCiphertext.ShouldNotBe(before.AccessTokenCiphertext);
        (await AuditEventsAsync("connection.reauthorized")).ShouldHaveSingleItem().Target.ShouldBe($"connection:{first}");
    }

    [Fact]
    public async Task R3_authorizing_a_second_org_adds_a_second_connection()
    {
        var acme = await ConnectAsync(Salesforce.Admin);

        var sandbox = await ConnectAsync(Salesforce.SandboxAdmin, ConnectionEnvironment.Sandbox);

        sandbox.ShouldNotBe(acme);
        var connections = await ConnectionsAsync();
        connections.Count.ShouldBe(2);
        connections.Select(c => c.ExternalOrgId).ShouldBe([Salesforce.Acme.Id, Salesforce.AcmeSandbox.Id], ignoreOrder: true);
        (await AuditEventsAsync("connection.authorized")).Count.ShouldBe(2);
    }

    [Fact]
    public async Task R3_two_callbacks_for_the_same_new_org_completing_at_once_leave_one_connection_and_both_succeed()
    {
        var firstTab = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        var secondTab = await Flow.CallbackAsync(Admin, Salesforce.Admin);

        var results = await Task.WhenAll(
            Task.Run(() => Flow.CompleteAsync(firstTab, Admin)),
            Task.Run(() => Flow.CompleteAsync(secondTab, Admin)));

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Connected);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        results.ShouldAllBe(r => r.Value.ConnectionId == connection.Id);
        (await AttemptsAsync()).ShouldAllBe(a => a.Outcome == AuthorizationOutcome.Connected);
        (await AuditEventsAsync("connection.authorized")).ShouldHaveSingleItem();
        (await AuditEventsAsync("connection.reauthorized")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Reauthorizing_a_connection_that_needs_reauthorization_makes_it_healthy_again()
    {
        var id = await ConnectAsync(Salesforce.Admin);
        await ChangeAsync(id, (connection, now) =>
            connection.MarkNeedsReauthorization(new ConnectionError("invalid_grant", "Salesforce no longer accepts Natero's refresh token."), now));
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.NeedsReauthorization);

        var completed = await Flow.ConnectAsync(Admin, Salesforce.Admin);

        completed.Value.ConnectionId.ShouldBe(id);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var mended = await ConnectionAsync(id);
        mended.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        mended.LastErrorCode.ShouldBeNull();
        mended.RefreshFailureCount.ShouldBe(0);
    }

    [Fact]
    public async Task Reauthorizing_an_org_that_had_no_api_access_by_a_user_with_api_enabled_makes_it_healthy_again()
    {
        var id = await ConnectAsync(Salesforce.NoApiUser);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);

        var completed = await Flow.ConnectAsync(Admin, Salesforce.Admin);

        completed.Value.ConnectionId.ShouldBe(id);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var mended = (await ConnectionsAsync()).ShouldHaveSingleItem();
        mended.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        mended.Username.ShouldBe(Salesforce.Admin.Username);
        mended.LastErrorCode.ShouldBeNull();
        mended.LastErrorMessage.ShouldBeNull();
    }

    [Fact]
    public async Task Reauthorizing_an_active_connection_marked_api_access_disabled_returns_it_to_active()
    {
        var id = await ConnectAsync(Salesforce.Admin);
        await ChangeAsync(id, (connection, now) =>
        {
            connection.CompleteConfiguration(Admin.UserId, null, now);
            connection.MarkApiAccessDisabled(new ConnectionError("API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization."), now);
        });

        var completed = await Flow.ConnectAsync(Admin, Salesforce.Admin);

        completed.Value.Status.ShouldBe(ConnectionStatus.Active);
        var mended = await ConnectionAsync(id);
        mended.Status.ShouldBe(ConnectionStatus.Active);
        mended.ConfigurationCompletedAt.ShouldNotBeNull();
        mended.LastErrorCode.ShouldBeNull();
    }

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
