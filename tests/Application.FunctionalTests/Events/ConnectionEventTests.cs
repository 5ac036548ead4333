using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.FunctionalTests.Webhooks;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Events;

/// <summary>
/// DESIGN section 15 and SECURITY S29/S30: every change of a connection's state is an event written with the change,
/// delivered at least once, signed, and never for a change that rolled back.
/// </summary>
public sealed class ConnectionEventTests(ApplicationFixture app) : EventTest(app)
{
    [Fact]
    public async Task Every_state_change_raises_exactly_one_event_in_order_per_connection()
    {
        var staff = await App.UserAsync(TestUsers.PlatformAdmin);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new CompleteConfigurationCommand(id, null), staff)).IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new SuspendConnectionCommand(id, "Billing review"), staff)).IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new ResumeConnectionCommand(id), staff)).IsSuccess.ShouldBeTrue();
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeFalse();
        await ConnectAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();

        var events = await EventsAsync(id);

        events
            .Select(e => e.Type)
            .ShouldBe([
                EventTypes.ConnectionAuthorized,
                EventTypes.ConnectionConfigurationCompleted,
                EventTypes.ConnectionSuspended,
                EventTypes.ConnectionResumed,
                EventTypes.ConnectionNeedsReauthorization,
                EventTypes.ConnectionReauthorized,
                EventTypes.ConnectionDisconnected,
            ]);
        events.Select(e => e.SubjectVersion).ShouldBeInOrder(SortDirection.Ascending);
        events.ShouldAllBe(e => e.TenantId == DemoTenantId);
        events[2].Payload.ShouldContain("Billing review");
        events[4].Payload.ShouldContain("\"previousStatus\":\"Active\"");
        events[5].Payload.ShouldContain("\"previousStatus\":\"NeedsReauthorization\"");
    }

    [Fact]
    public async Task S30_a_change_that_rolls_back_raises_no_event()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var before = (await EventsAsync(id)).Count;

        await using (var scope = await App.EnterAsync(Admin, TestUsers.DemoTenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var connection = await db.ProviderConnections.SingleAsync(c => c.Id == id);
            connection.Suspend(App.Clock.GetUtcNow(), "Rolled back");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        (await EventsAsync(id)).Count.ShouldBe(before);
        (await EventsAsync(id)).ShouldNotContain(e => e.Type == EventTypes.ConnectionSuspended);
    }

    [Fact]
    public async Task S29_S30_a_connection_event_reaches_the_receiver_signed_with_no_secret_in_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(receiver.Url, EventTypes.ConnectionSuspended);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var token = (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).Value.AccessToken;
        (
            await App.SendAsync(new SuspendConnectionCommand(id, "Overdue"), await App.UserAsync(TestUsers.PlatformAdmin))
        ).IsSuccess.ShouldBeTrue();

        await DispatchAndDeliverAsync();

        var received = receiver.Requests.ShouldHaveSingleItem();
        TypeOf(received).ShouldBe(EventTypes.ConnectionSuspended);
        MatchingSignatures(received, endpoint.Secret).ShouldBe(1);
        received.Headers["webhook-id"].ToString().ShouldStartWith("evt_");
        received.Body.ShouldContain($"\"connectionId\":\"{id}\"");
        received.Body.ShouldNotContain(token);
        received.Body.ShouldNotContain(endpoint.Secret);
        var delivery = (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem();
        delivery.Status.ShouldBe(WebhookDeliveryStatus.Delivered);
        delivery.Attempts.ShouldBe(1);
        delivery.LastStatusCode.ShouldBe(200);
        delivery.LastLatencyMs.ShouldNotBeNull();
    }

    [Fact]
    public async Task S30_an_event_committed_before_a_crash_is_still_delivered_and_a_dead_instances_lease_runs_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(receiver.Url);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);

        // The process died after the commit: nothing was dispatched. The next instance's dispatcher picks it up.
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var delivery = (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem();

        // An instance leased the delivery and died before sending: nobody sends while its lease holds.
        var until = App.Clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        await App.QueryDbAsync(db =>
            db.WebhookDeliveries.Where(d => d.Id == delivery.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseOwner, "dead:1").SetProperty(d => d.LeaseExpiresAt, until))
        );
        await Worker.RunOnceAsync(CancellationToken.None);
        receiver.Requests.ShouldBeEmpty();

        App.Clock.Advance(TimeSpan.FromMinutes(6));
        await Worker.RunOnceAsync(CancellationToken.None);

        TypeOf(receiver.Requests.ShouldHaveSingleItem()).ShouldBe(EventTypes.ConnectionAuthorized);
        (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem().Status.ShouldBe(WebhookDeliveryStatus.Delivered);
        (await EventsAsync(id)).ShouldAllBe(e => e.DispatchedAt != null);
    }

    [Fact]
    public async Task S30_two_instances_racing_never_send_the_same_attempt_or_dispatch_an_event_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(receiver.Url);
        var staff = await App.UserAsync(TestUsers.PlatformAdmin);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        for (var i = 0; i < 6; i++)
        {
            (await App.SendAsync(new SuspendConnectionCommand(id, null), staff)).IsSuccess.ShouldBeTrue();
            (await App.SendAsync(new ResumeConnectionCommand(id), staff)).IsSuccess.ShouldBeTrue();
        }

        var otherDispatcher = ActivatorUtilities.CreateInstance<Infrastructure.Events.EventDispatcher>(App.Services);
        var otherWorker = ActivatorUtilities.CreateInstance<Infrastructure.Webhooks.WebhookDeliveryWorker>(App.Services);
        await Task.WhenAll(
            Task.Run(() => Dispatcher.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => otherDispatcher.RunOnceAsync(CancellationToken.None))
        );
        await Task.WhenAll(
            Task.Run(() => Worker.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => otherWorker.RunOnceAsync(CancellationToken.None))
        );
        await Worker.RunOnceAsync(CancellationToken.None);

        var events = await EventsAsync(id);
        events.Count.ShouldBe(13);
        (await DeliveriesAsync(endpoint.Endpoint.Id)).Count.ShouldBe(13);
        var ids = receiver.Requests.Select(r => r.Headers["webhook-id"].ToString()).ToList();
        ids.Count.ShouldBe(13);
        ids.Distinct().Count().ShouldBe(13);
    }

    [Fact]
    public async Task Tenant_endpoints_get_their_own_tenants_events_and_platform_endpoints_get_every_tenants()
    {
        await using var tenantReceiver = await WebhookReceiver.StartAsync();
        await using var platformReceiver = await WebhookReceiver.StartAsync();
        await RegisterAsync(tenantReceiver.Url, EventTypes.ConnectionDisconnected);
        var staff = await App.UserAsync(TestUsers.PlatformAdmin);
        var platform = await App.SendAsync(new CreatePlatformWebhookEndpointCommand(platformReceiver.Url.ToString(), null, ["*"]), staff);
        platform.IsSuccess.ShouldBeTrue(platform.Error?.Message);

        await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await DispatchAndDeliverAsync();

        tenantReceiver.Requests.ShouldBeEmpty();
        TypeOf(platformReceiver.Requests.ShouldHaveSingleItem()).ShouldBe(EventTypes.ConnectionAuthorized);
        MatchingSignatures(platformReceiver.Requests.Single(), platform.Value.Secret).ShouldBe(1);
    }
}
