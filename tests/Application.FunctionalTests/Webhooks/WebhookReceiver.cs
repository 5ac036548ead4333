using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Natero.Connectors.Application.FunctionalTests.Webhooks;

/// <summary>
/// A webhook receiver on a real loopback port (Kestrel): it counts every connection made to it, records every request
/// (headers and body), and answers as the test says (200 by default).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private int _connections;

    private WebhookReceiver(Func<HttpContext, Task>? answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next =>
                    connection =>
                    {
                        Interlocked.Increment(ref _connections);
                        return next(connection);
                    }
                )));
        _app = builder.Build();
        _app.Run(async context =>
        {
            // Buffered, so that an answer may read the body again.
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            _requests.Enqueue(new ReceivedWebhook(context.Request.Method, context.Request.Path, headers, body));
            await (answer ?? (c => c.Response.WriteAsync("ok", c.RequestAborted)))(context);
        });
    }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests => [.. _requests];

    /// <summary>TCP connections accepted, whether or not a request followed.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public int Port { get; private set; }

    /// <summary><c>http://127.0.0.1:{port}/hooks</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    public static async Task<WebhookReceiver> StartAsync(Func<HttpContext, Task>? answer = null)
    {
        var receiver = new WebhookReceiver(answer);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        receiver.Port = new Uri(address.Addresses.Single()).Port;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the receiver got it.</summary>
internal sealed record ReceivedWebhook(string Method, string Path, IHeaderDictionary Headers, string Body);
