using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// An OTLP/HTTP collector that keeps nothing: on a free loopback port, it reads every <c>POST /v1/traces</c> and
/// <c>POST /v1/metrics</c> to its end, counts the requests and bytes, and answers 200, so the exporters do all their
/// work (serialising, sending) and nothing more.
/// </summary>
internal sealed class OtlpSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpSink(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>What <c>OpenTelemetry:Endpoint</c> names: the exporters add <c>/v1/traces</c> and <c>/v1/metrics</c>.</summary>
    public Uri Endpoint { get; }

    public Received Traces { get; } = new();
    public Received Metrics { get; } = new();

    public static async Task<OtlpSink> StartAsync()
    {
        var port = SalesforceTestSettings.FreeTcpPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sink = new OtlpSink(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/v1/traces", (HttpContext context) => sink.Traces.DiscardAsync(context));
        app.MapPost("/v1/metrics", (HttpContext context) => sink.Metrics.DiscardAsync(context));
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The export requests of one signal, and their bodies' bytes (protobuf, as sent).</summary>
    internal sealed class Received
    {
        private long _requests;
        private long _bytes;

        public long Requests => Interlocked.Read(ref _requests);
        public long Bytes => Interlocked.Read(ref _bytes);

        public async Task DiscardAsync(HttpContext context)
        {
            Interlocked.Increment(ref _requests);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                Interlocked.Add(ref _bytes, read);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-protobuf";
        }
    }
}
