using Microsoft.AspNetCore.Http;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>A webhook's secrets, and the body it sends, stay out of the attempt's words and out of every log line.</summary>
public sealed class WebhookSecretsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task S12_no_webhook_secret_or_body_appears_in_an_attempt_error_or_any_log_line_at_trace()
    {
        var (current, previous) = (WebhookSecret.New(), WebhookSecret.New());
        // A hostile receiver echoes what it got, and the secrets it shares, into a failing answer.
        await using var echoing = await WebhookReceiver.StartAsync(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync(
                $"bad {context.Request.Headers["webhook-signature"]} {current} {Key(previous)} got {body}",
                context.RequestAborted
            );
        });
        await using var fine = await WebhookReceiver.StartAsync();
        using var host = WebhookTransportHost.Create(
            allowLoopbackHttp: true,
            dns: new ScriptedDnsResolver().Answer("inside.example.test", ["10.0.0.5"])
        );
        var messages = new[] { echoing.Url, fine.Url, new Uri("https://inside.example.test/hooks") }
            .Select(url => WebhookTransportHost.Message(url, current, previous))
            .ToList();

        var results = new List<WebhookAttemptResult>();
        foreach (var message in messages)
        {
            results.Add(await host.Sender.SendAsync(message, None));
        }

        results
            .Select(r => (r.Delivered, r.Refused, r.StatusCode))
            .ShouldBe([(false, false, 500), (true, false, 200), (false, true, null)]);
        results[0].Error.ShouldStartWith("The endpoint answered 500: bad v1,");
        results[0].Error.ShouldEndWith(" [secret] [secret] got [the payload sent]");
        host.Logs.Lines.Count(line => messages.Any(m => line.Contains(m.Id, StringComparison.Ordinal))).ShouldBeGreaterThanOrEqualTo(3);
        var words = results.Select(r => r.Error ?? "").Concat(host.Logs.Lines).ToList();
        foreach (var secret in new[] { current, previous, Key(current), Key(previous) }.Concat(messages.Select(m => m.Body)))
        {
            words.ShouldNotContain(line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Key(string secret) => secret[WebhookSecret.Prefix.Length..];
}
