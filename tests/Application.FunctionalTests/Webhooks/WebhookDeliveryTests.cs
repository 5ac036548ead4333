using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>
/// S28 at delivery: the address is judged again when the sender connects, redirects are not followed, a huge answer is
/// cut at the cap and a silent one at the timeout; in each case the attempt ends with words, never an exception.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task S28_a_name_that_rebinds_to_loopback_after_registration_is_refused_and_the_listener_sees_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var dns = new ScriptedDnsResolver().Answer("hooks.rebind.test", ["93.184.216.34"], ["127.0.0.1"]);
        using var host = WebhookTransportHost.Create(dns: dns);
        var registered = await host.Policy.CheckAsync($"https://hooks.rebind.test:{receiver.Port}/hooks", None);
        registered.IsAllowed.ShouldBeTrue(registered.Problem);

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(registered.Url!), None);

        result.Delivered.ShouldBeFalse();
        result.Refused.ShouldBeTrue();
        result.StatusCode.ShouldBeNull();
        result.Error.ShouldBe(
            "Not sent: hooks.rebind.test resolves to a loopback address (127.0.0.1) at delivery, and webhooks reach only public addresses."
        );
        dns.Asked.ShouldBe(["hooks.rebind.test", "hooks.rebind.test"]);
        receiver.Connections.ShouldBe(0);
        receiver.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "a cloud metadata address (169.254.169.254)")]
    [InlineData("https://10.0.0.5/hooks", "a private address (10.0.0.5)")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", "a loopback address (127.0.0.1)")]
    public async Task S28_the_sender_refuses_an_inside_literal_that_never_went_through_registration(string url, string words)
    {
        using var host = WebhookTransportHost.Create();

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(new Uri(url)), None);

        result.Refused.ShouldBeTrue();
        result.Error.ShouldNotBeNull().ShouldContain($" is {words} at delivery");
    }

    [Fact]
    public async Task S28_without_the_switch_the_sender_refuses_plain_http_even_to_loopback_without_connecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var host = WebhookTransportHost.Create();

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(receiver.Url), None);

        result.Refused.ShouldBeTrue();
        result.Error.ShouldBe("Not sent: webhooks use https, not http.");
        receiver.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task S28_a_redirect_is_not_followed_and_its_target_receives_nothing()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync(context =>
        {
            context.Response.Redirect($"http://127.0.0.1:{target.Port}/landing");
            return Task.CompletedTask;
        });
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(redirecting.Url), None);

        result.Delivered.ShouldBeFalse();
        result.Refused.ShouldBeFalse();
        result.StatusCode.ShouldBe(302);
        result.Error.ShouldBe($"Redirects are not followed (302 to http://127.0.0.1:{target.Port}/landing).");
        redirecting.Requests.Count.ShouldBe(1);
        target.Connections.ShouldBe(0);
        target.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task S28_a_huge_answer_is_read_only_up_to_the_cap_and_the_attempt_still_completes()
    {
        const long Huge = 1L << 30;
        long written = 0;
        await using var receiver = await WebhookReceiver.StartAsync(async context =>
        {
            context.Response.StatusCode = 500;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                while (written < Huge && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The sender closed the connection after its cap: what this test wants.
            }
        });
        using var host = WebhookTransportHost.Create(
            allowLoopbackHttp: true,
            settings: new Dictionary<string, string?> { ["Webhooks:MaxResponseBytes"] = "1024" }
        );
        var clock = Stopwatch.StartNew();

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(receiver.Url), None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
        result.Delivered.ShouldBeFalse();
        result.StatusCode.ShouldBe(500);
        result.Error.ShouldBe($"The endpoint answered 500: {new string('x', 1024)}...");
        Interlocked.Read(ref written).ShouldBeLessThan(Huge);
    }

    [Fact]
    public async Task S28_a_receiver_that_never_answers_times_out_within_the_configured_timeout()
    {
        // The kernel completes the connection in its backlog; no answer ever comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var host = WebhookTransportHost.Create(
            allowLoopbackHttp: true,
            settings: new Dictionary<string, string?> { ["Webhooks:Timeout"] = "00:00:01" }
        );
        var clock = Stopwatch.StartNew();

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(new Uri($"http://127.0.0.1:{port}/hooks")), None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        result.Latency.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        result.Delivered.ShouldBeFalse();
        result.Refused.ShouldBeFalse();
        result.StatusCode.ShouldBeNull();
        result.Error.ShouldBe("No answer within 1 s (Webhooks:Timeout).");
    }

    [Fact]
    public async Task A_2xx_answer_is_delivered_with_its_status_and_latency()
    {
        await using var receiver = await WebhookReceiver.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        });
        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(receiver.Url), None);

        result.ShouldBe(result with { Delivered = true, StatusCode = 202, Error = null, Refused = false });
        result.Latency.ShouldBeGreaterThan(TimeSpan.Zero);
        receiver.Requests.Single().Method.ShouldBe("POST");
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_attempt_in_words()
    {
        int port;
        using (var closed = new TcpListener(IPAddress.Loopback, 0))
        {
            closed.Start();
            port = ((IPEndPoint)closed.LocalEndpoint).Port;
        }

        using var host = WebhookTransportHost.Create(allowLoopbackHttp: true);

        var result = await host.Sender.SendAsync(WebhookTransportHost.Message(new Uri($"http://127.0.0.1:{port}/hooks")), None);

        result.Delivered.ShouldBeFalse();
        result.Refused.ShouldBeFalse();
        result.Error.ShouldStartWith($"Could not connect to 127.0.0.1:{port}: ");
    }
}
