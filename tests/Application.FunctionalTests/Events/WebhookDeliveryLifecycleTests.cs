using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.FunctionalTests.Webhooks;
using Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Commands.ResendWebhookDelivery;
using Natero.Connectors.Application.Webhooks.Commands.RotateWebhookSecret;
using Natero.Connectors.Application.Webhooks.Commands.SendTestWebhook;
using Natero.Connectors.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Events;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Events;

/// <summary>Retries, disablement, rotation, resend, the test button and the registration rules, with the app's fake clock.</summary>
public sealed class WebhookDeliveryLifecycleTests(ApplicationFixture app) : EventTest(app)
{
    [Fact]
    public async Task A_failing_endpoint_is_retried_with_backoff_for_three_days_then_disabled_and_its_owners_are_told()
    {
        await using var receiver = await WebhookReceiver.StartAsync(c =>
        {
            c.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var endpoint = await RegisterAsync(receiver.Url);
        (await App.SendAsync(new SendTestWebhookCommand(endpoint.Endpoint.Id), Admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();

        await Worker.RunOnceAsync(CancellationToken.None);
        var first = (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem();
        first.Status.ShouldBe(WebhookDeliveryStatus.Retrying);
        first.Attempts.ShouldBe(1);
        first.LastStatusCode.ShouldBe(503);
        (first.NextAttemptAt - App.Clock.GetUtcNow()).ShouldBeInRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7));

        // Not due yet: nothing more is sent.
        await Worker.RunOnceAsync(CancellationToken.None);
        receiver.Requests.Count.ShouldBe(1);

        var started = App.Clock.GetUtcNow();
        while (App.Clock.GetUtcNow() - started < TimeSpan.FromDays(3.5))
        {
            App.Clock.Advance(TimeSpan.FromHours(1));
            await Worker.RunOnceAsync(CancellationToken.None);
        }

        var last = (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem();
        last.Status.ShouldBe(WebhookDeliveryStatus.Failed);
        last.Attempts.ShouldBeInRange(8, 14);
        receiver.Requests.Count.ShouldBe(last.Attempts);
        var disabled = await EndpointAsync(endpoint.Endpoint.Id);
        disabled.IsEnabled.ShouldBeFalse();
        disabled.DisabledReason!.ShouldContain("failed");
        (await AuditEventsAsync("webhook.disabled")).ShouldHaveSingleItem().TenantId.ShouldBe(DemoTenantId);
        var told = await App.QueryDbAsync(db =>
            db.OutboxMessages.Where(m => m.Subject.StartsWith("Webhook endpoint disabled")).ToListAsync()
        );
        told.ShouldHaveSingleItem().Recipient.ShouldBe(TestUsers.DemoAdmin);

        // A disabled endpoint gets no new events until someone enables it; then a resend goes through.
        var enabled = await App.SendAsync(
            new UpdateWebhookEndpointCommand(endpoint.Endpoint.Id, null, null, null, true),
            Admin,
            TestUsers.DemoTenant
        );
        enabled.Value.Enabled.ShouldBeTrue();
        enabled.Value.FailingSince.ShouldBeNull();
    }

    [Fact]
    public async Task Resend_sends_a_delivery_again_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(receiver.Url);
        var test = await App.SendAsync(new SendTestWebhookCommand(endpoint.Endpoint.Id), Admin, TestUsers.DemoTenant);
        await Worker.RunOnceAsync(CancellationToken.None);

        var resent = await App.SendAsync(
            new ResendWebhookDeliveryCommand(endpoint.Endpoint.Id, test.Value.Id),
            Admin,
            TestUsers.DemoTenant
        );
        resent.Value.Status.ShouldBe(WebhookDeliveryStatus.Pending);
        await Worker.RunOnceAsync(CancellationToken.None);

        receiver.Requests.Count.ShouldBe(2);
        receiver.Requests.Select(r => r.Headers["webhook-id"].ToString()).Distinct().ShouldHaveSingleItem();
        TypeOf(receiver.Requests[0]).ShouldBe(EventTypes.WebhookTest);
        (await DeliveriesAsync(endpoint.Endpoint.Id)).ShouldHaveSingleItem().Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_for_24_hours_then_alone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = await RegisterAsync(receiver.Url);
        var rotated = await App.SendAsync(new RotateWebhookSecretCommand(endpoint.Endpoint.Id), Admin, TestUsers.DemoTenant);
        rotated.Value.Secret.ShouldNotBe(endpoint.Secret);
        rotated.Value.Endpoint.PreviousSecretExpiresAt!.Value.ShouldBe(App.Clock.GetUtcNow() + TimeSpan.FromHours(24), Precision);

        await App.SendAsync(new SendTestWebhookCommand(endpoint.Endpoint.Id), Admin, TestUsers.DemoTenant);
        await Worker.RunOnceAsync(CancellationToken.None);
        var during = receiver.Requests.Single();
        during.Headers["webhook-signature"].ToString().Split(' ').Length.ShouldBe(2);
        MatchingSignatures(during, rotated.Value.Secret).ShouldBe(1);
        MatchingSignatures(during, endpoint.Secret).ShouldBe(1);

        App.Clock.Advance(TimeSpan.FromHours(25));
        await App.SendAsync(new SendTestWebhookCommand(endpoint.Endpoint.Id), Admin, TestUsers.DemoTenant);
        await Worker.RunOnceAsync(CancellationToken.None);
        var after = receiver.Requests[^1];
        MatchingSignatures(after, rotated.Value.Secret).ShouldBe(1);
        MatchingSignatures(after, endpoint.Secret).ShouldBe(0);
        after.Headers["webhook-signature"].ToString().Split(' ').ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("http://example.com/hooks")]
    [InlineData("https://10.0.0.8/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://user:pass@example.com/hooks")]
    public async Task S28_registration_through_the_command_refuses_an_unsafe_url_and_keeps_nothing(string url)
    {
        var created = await App.SendAsync(new CreateWebhookEndpointCommand(url, null, ["*"]), Admin, TestUsers.DemoTenant);

        created.IsSuccess.ShouldBeFalse();
        created.Error!.Kind.ShouldBe(ErrorKind.Validation);
        created.Error.Fields.ShouldContainKey("Url");
        (await App.QueryDbAsync(db => db.WebhookEndpoints.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_by_name()
    {
        var created = await App.SendAsync(
            new CreateWebhookEndpointCommand("https://93.184.216.34/hooks", null, ["connection.exploded"]),
            Admin,
            TestUsers.DemoTenant
        );

        created.Error!.Kind.ShouldBe(ErrorKind.Validation);
        created.Error.Message.ShouldContain("connection.exploded");
    }

    [Fact]
    public async Task A_null_event_type_is_refused_in_words()
    {
        var created = await App.SendAsync(
            new CreateWebhookEndpointCommand("https://93.184.216.34/hooks", null, [null!]),
            Admin,
            TestUsers.DemoTenant
        );

        created.Error!.Kind.ShouldBe(ErrorKind.Validation);
        created.Error.Message.ShouldContain("Unknown event type: null");
    }

    [Fact]
    public async Task A_flood_of_long_unknown_event_types_gets_short_words_and_is_audited_on_both_databases()
    {
        var flood = Enumerable.Range(0, 500).Select(i => new string('x', 200) + i).ToList();

        var created = await App.SendAsync(
            new CreateWebhookEndpointCommand("https://93.184.216.34/hooks", null, flood),
            Admin,
            TestUsers.DemoTenant
        );

        created.Error!.Kind.ShouldBe(ErrorKind.Validation);
        created.Error.Message.Length.ShouldBeLessThan(1000);
        created.Error.Message.ShouldContain("and 497 more");
        (await AuditEventsAsync("webhook.created")).ShouldHaveSingleItem().Outcome.ShouldNotBe(Domain.Audit.AuditOutcome.Success);
    }

    [Fact]
    public async Task A_member_without_configure_permission_cannot_register_an_endpoint()
    {
        var viewer = await App.AddMemberAsync("viewer@acme.test", TestUsers.DemoTenant, Permissions.DataConnectors.View);

        var created = await App.SendAsync(
            new CreateWebhookEndpointCommand("https://93.184.216.34/hooks", null, ["*"]),
            viewer,
            TestUsers.DemoTenant
        );

        created.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public async Task An_api_key_expiring_within_7_days_raises_one_event_however_often_the_scan_runs()
    {
        var key = await App.SendAsync(
            new CreateApiKeyCommand("Nightly export", [Permissions.DataConnectors.View], 7),
            Admin,
            TestUsers.DemoTenant
        );
        key.IsSuccess.ShouldBeTrue(key.Error?.Message);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ApiKeyExpiryWarnings>().RaiseAsync(CancellationToken.None)).ShouldBe(1);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ApiKeyExpiryWarnings>().RaiseAsync(CancellationToken.None)).ShouldBe(0);
        }

        var warning = (await EventsAsync(key.Value.Id)).ShouldHaveSingleItem();
        warning.Type.ShouldBe(EventTypes.ApiKeyExpiring);
        warning.Payload.ShouldContain("Nightly export");
        warning.Payload.ShouldNotContain(key.Value.Plaintext);
    }
}
