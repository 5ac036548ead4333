using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.FunctionalTests.Lifecycle;
using Natero.Connectors.Application.FunctionalTests.Webhooks;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Events;
using Natero.Connectors.Infrastructure.Webhooks;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Events;

/// <summary>
/// What the event and webhook tests share: a receiver on loopback, an endpoint of the demo tenant pointing at it, and
/// rounds of the dispatcher and the delivery worker run by hand (their background loops are off in tests).
/// </summary>
public abstract class EventTest(ApplicationFixture app) : LifecycleTest(app)
{
    protected EventDispatcher Dispatcher => App.Services.GetRequiredService<EventDispatcher>();

    protected WebhookDeliveryWorker Worker => App.Services.GetRequiredService<WebhookDeliveryWorker>();

    protected async Task<WebhookSecretDto> RegisterAsync(Uri url, params string[] types)
    {
        var created = await App.SendAsync(
            new CreateWebhookEndpointCommand(url.ToString(), "Test receiver", types.Length == 0 ? ["*"] : types),
            Admin,
            TestUsers.DemoTenant
        );
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);
        return created.Value;
    }

    /// <summary>Dispatches every waiting event, then sends every due delivery.</summary>
    protected async Task DispatchAndDeliverAsync()
    {
        await Dispatcher.RunOnceAsync(CancellationToken.None);
        await Worker.RunOnceAsync(CancellationToken.None);
    }

    protected Task<List<OutboundEvent>> EventsAsync(Guid subjectId) =>
        App.QueryDbAsync(db =>
            db.OutboundEvents.AsNoTracking().Where(e => e.SubjectId == subjectId).OrderBy(e => e.SubjectVersion).ToListAsync()
        );

    protected Task<List<WebhookDelivery>> DeliveriesAsync(Guid endpointId) =>
        App.QueryDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync());

    protected Task<WebhookEndpoint> EndpointAsync(Guid endpointId) =>
        App.QueryDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == endpointId));

    private protected static string TypeOf(ReceivedWebhook received) =>
        JsonDocument.Parse(received.Body).RootElement.GetProperty("type").GetString()!;

    /// <summary>
    /// An implementation of the Standard Webhooks check of its own, independent of the app's signer: the signatures of
    /// the header that an HMAC-SHA256 over "id.timestamp.body" with <paramref name="secret"/> reproduces.
    /// </summary>
    private protected static int MatchingSignatures(ReceivedWebhook received, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = $"{received.Headers["webhook-id"]}.{received.Headers["webhook-timestamp"]}.{received.Body}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return received.Headers["webhook-signature"].ToString().Split(' ').Count(s => s == expected);
    }
}
