using Microsoft.AspNetCore.Http;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Infrastructure.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>
/// S29: every delivery is signed per Standard Webhooks, and a receiver verifies it with an independent implementation
/// (the StandardWebhooks package), over real HTTP.
/// </summary>
public sealed class WebhookSignatureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task S29_a_delivery_verifies_with_an_independent_Standard_Webhooks_implementation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);
        var secret = WebhookSecret.New();
        var message = WebhookTransportHost.Message(receiver.Url, secret);

        var result = await host.Sender.SendAsync(message, None);

        result.Delivered.ShouldBeTrue(result.Error);
        result.StatusCode.ShouldBe(200);
        var received = receiver.Requests.ShouldHaveSingleItem();
        received.Method.ShouldBe("POST");
        received.Path.ShouldBe("/hooks");
        received.Body.ShouldBe(message.Body);
        received.Headers.ContentType.ToString().ShouldBe("application/json");
        received.Headers.UserAgent.ToString().ShouldBe("Natero-Webhooks/1");
        received.Headers["webhook-id"].ToString().ShouldBe(message.Id);
        received.Headers["webhook-timestamp"].ToString().ShouldBe(message.Timestamp.ToUnixTimeSeconds().ToString(Invariant));
        received.Headers["webhook-signature"].ToString().ShouldStartWith("v1,");
        Should.NotThrow(() => new StandardWebhook(secret).Verify(received.Body, received.Headers));
    }

    [Fact]
    public async Task S29_the_independent_verifier_refuses_another_secret_an_altered_body_and_an_altered_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);
        var secret = WebhookSecret.New();

        await host.Sender.SendAsync(WebhookTransportHost.Message(receiver.Url, secret), None);

        var received = receiver.Requests.ShouldHaveSingleItem();
        var otherId = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-id"] = "msg_other" };
        Should.Throw<WebhookVerificationException>(() => new StandardWebhook(WebhookSecret.New()).Verify(received.Body, received.Headers));
        Should.Throw<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(received.Body + " ", received.Headers));
        Should.Throw<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(received.Body, otherId));
    }

    [Fact]
    public async Task S29_with_two_secrets_during_a_rotation_each_one_verifies_the_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);
        var (current, previous) = (WebhookSecret.New(), WebhookSecret.New());

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(receiver.Url, current, previous), None);

        result.Delivered.ShouldBeTrue(result.Error);
        var received = receiver.Requests.ShouldHaveSingleItem();
        var signatures = received.Headers["webhook-signature"].ToString().Split(' ');
        signatures.Length.ShouldBe(2);
        signatures.ShouldAllBe(signature => signature.StartsWith("v1,", StringComparison.Ordinal));
        Should.NotThrow(() => new StandardWebhook(current).Verify(received.Body, received.Headers));
        // StandardWebhooks 1.1.2 compares only the first entry of a header that holds several, so each signature is
        // also offered to it on its own: each secret must verify one of them.
        foreach (var secret in new[] { current, previous })
        {
            signatures.Count(signature => Verifies(secret, received, signature)).ShouldBe(1);
        }
    }

    private static bool Verifies(string secret, ReceivedWebhook received, string signature)
    {
        var headers = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value)) { ["webhook-signature"] = signature };
        try
        {
            new StandardWebhook(secret).Verify(received.Body, headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    [Fact]
    public void S29_the_signature_reproduces_the_Standard_Webhooks_published_test_vector()
    {
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330),
            """{"test": 2432232314}"""
        );

        signature.ShouldBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void S29_the_signature_agrees_with_the_independent_implementation_for_a_new_secret_and_a_non_ascii_body()
    {
        var secret = WebhookSecret.New();
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        const string Body = """{"reason":"Révoqué — 取り消し"}""";

        WebhookSignature.Sign(secret, "msg_1", timestamp, Body).ShouldBe(new StandardWebhook(secret).Sign("msg_1", timestamp, Body));
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_!!!!")]
    public void A_malformed_secret_is_a_bug_whose_message_never_repeats_the_secret(string secret)
    {
        var refused = Should.Throw<ArgumentException>(() => WebhookSignature.Sign(secret, "msg_1", DateTimeOffset.UnixEpoch, "{}"));

        refused.Message.ShouldNotContain(secret);
    }

    private static IFormatProvider Invariant => System.Globalization.CultureInfo.InvariantCulture;
}
