using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// Two writers, one row: the first save wins, the second is a conflict result (never a 500) that writes
/// nothing, leaves the audit chain whole, and is itself on record.
/// </summary>
public sealed class ConcurrentChangeTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task A_save_that_lost_the_race_writes_nothing_and_none_of_its_audit_events_reach_the_chain()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await using var first = await App.EnterAsync(null, TestUsers.DemoTenant);
        await using var second = await App.EnterAsync(null, TestUsers.DemoTenant);
        var firstDb = first.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var inFirst = await firstDb.ProviderConnections.SingleAsync(c => c.Id == id);
        var inSecond = await secondDb.ProviderConnections.SingleAsync(c => c.Id == id);

        inFirst.Suspend(App.Clock.GetUtcNow(), "Unpaid invoice");
        await firstDb.SaveChangesAsync();
        inSecond.MarkVerified(App.Clock.GetUtcNow());
        second.ServiceProvider.GetRequiredService<IAuditTrail>().Record("test.lost_race", $"connection:{id}", AuditOutcome.Success);

        await Should.ThrowAsync<ConcurrentChangeException>(() => secondDb.SaveChangesAsync());

        secondDb.ChangeTracker.Entries().ShouldBeEmpty("the unit of work lets go of what it could not save");
        var stored = await ConnectionAsync(id);
        stored.Status.ShouldBe(ConnectionStatus.Suspended);
        stored.Version.ShouldBe(inFirst.Version);
        (await AuditEventsAsync("test.lost_race")).ShouldBeEmpty();

        second.ServiceProvider.GetRequiredService<IAuditTrail>().Record("test.after_the_race", $"connection:{id}", AuditOutcome.Failure);
        await secondDb.SaveChangesAsync();
        (await AuditEventsAsync("test.after_the_race")).ShouldHaveSingleItem();
        await AuditChainsShouldVerifyAsync();
    }

    [Fact]
    public async Task A_disconnect_that_loses_to_a_suspension_is_a_conflict_on_record_and_changes_nothing()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        var before = await ConnectionAsync(id);

        // The disconnect has read the row and waits on the provider's revoke while staff suspend the connection.
        var revoke = App.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.Delay(TimeSpan.FromSeconds(2)));
        var disconnect = App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);
        (await Poll.UntilAsync(TimeSpan.FromSeconds(10), () => revoke.TimesServed == 1)).ShouldBeTrue();
        (await App.SendAsync(new SuspendConnectionCommand(id, "Unpaid invoice"), platformAdmin)).IsSuccess.ShouldBeTrue();

        var result = await disconnect;

        result.Error.ShouldNotBeNull();
        result.Error.Kind.ShouldBe(ErrorKind.Conflict);
        result.Error.Code.ShouldBe("concurrent_change");
        result.Error.Message.ShouldBe(Error.ConcurrentChange().Message);
        var stored = await ConnectionAsync(id);
        stored.Status.ShouldBe(ConnectionStatus.Suspended);
        stored.AccessTokenCiphertext.ShouldBe(before.AccessTokenCiphertext, "the losing disconnect erased nothing");
        stored.DisconnectedAt.ShouldBeNull();
        var audit = (await AuditEventsAsync("connection.disconnected")).ShouldHaveSingleItem();
        audit.Outcome.ShouldBe(AuditOutcome.Failure);
        audit.Reason.ShouldBe(Error.ConcurrentChange().Message);
        DataOf(audit)["error"].ShouldBe("concurrent_change");
        (await AuditEventsAsync("connection.suspended")).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Success);
        await AuditChainsShouldVerifyAsync();

        var again = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        again.IsSuccess.ShouldBeTrue(again.Error?.Message);
        (await ConnectionAsync(id)).AccessTokenCiphertext.ShouldBeNull();
    }
}
