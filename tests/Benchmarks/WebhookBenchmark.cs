using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Events;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Webhooks;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// Webhook delivery: 8 endpoints of one tenant on a local receiver (Kestrel on 127.0.0.1, answering 204 at once), the
/// event dispatcher and the delivery worker running as hosted services do (polling every <c>Webhooks:PollInterval</c>).
/// (1) A backlog of events committed while the workers were stopped, then drained: deliveries per second. (2) Events
/// committed one by one at a steady rate while the workers run: the delay from each commit to its arrival at the
/// receiver, p50 and p99, which the poll interval bounds from below.
/// </summary>
internal static class WebhookBenchmark
{
    private const int Endpoints = 8;
    private static int Backlog => BenchSize.Of(500, 5);
    private static TimeSpan Steady => BenchSize.Of(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2));
    private static int RatePerSecond => BenchSize.Of(10, 5);

    public static async Task RunAsync()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var host = await BenchHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Webhooks:AllowLoopbackHttp"] = "true",
                ["Webhooks:WorkerEnabled"] = "true",
                ["Webhooks:PollInterval"] = "00:00:00.250",
            }
        );
        var (adminId, tenant) = await BenchHost.DemoAdminAsync(host.Services);
        await AddEndpointsAsync(host.Services, tenant.Id, adminId, receiver.Port);
        var dispatcher = host.Services.GetRequiredService<EventDispatcher>();
        var worker = host.Services.GetRequiredService<WebhookDeliveryWorker>();

        Console.WriteLine("## Webhook deliveries");
        Console.WriteLine();
        Console.WriteLine(
            $"{Endpoints} endpoints of one tenant on a Kestrel receiver on 127.0.0.1 (204 at once), database {host.Database.ProviderName}, "
                + $"Webhooks:PollInterval 250 ms, {Environment.ProcessorCount} cores shared by the app, the receiver and the writer."
        );
        Console.WriteLine();

        // (1) The backlog: committed while nothing dispatches, then drained.
        var committed = new ConcurrentDictionary<string, long>();
        for (var i = 0; i < Backlog; i++)
        {
            await CommitEventAsync(host.Services, tenant.Id, committed);
        }

        var started = Stopwatch.GetTimestamp();
        await dispatcher.StartAsync(CancellationToken.None);
        await worker.StartAsync(CancellationToken.None);
        await WaitAsync(host.Services, receiver, Backlog * Endpoints, BenchSize.Of(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(20)));
        var drained = Stopwatch.GetElapsedTime(started);
        Console.WriteLine("| backlog | deliveries | drained in (s) | deliveries/s |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(
            $"| {Backlog} events | {receiver.Count} | {drained.TotalSeconds:0.00} | {receiver.Count / drained.TotalSeconds:N0} |"
        );
        Console.WriteLine();

        // (2) Steady: one commit every 1/rate s; the delay from each commit to each arrival.
        receiver.Reset();
        committed.Clear();
        var interval = TimeSpan.FromSeconds(1.0 / RatePerSecond);
        var until = Stopwatch.GetTimestamp() + (long)(Steady.TotalSeconds * Stopwatch.Frequency);
        var events = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            var next = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
            await CommitEventAsync(host.Services, tenant.Id, committed);
            events++;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        await WaitAsync(host.Services, receiver, events * Endpoints, TimeSpan.FromMinutes(2));
        var delays = receiver
            .Arrivals.Where(a => committed.ContainsKey(a.Id))
            .Select(a => Stopwatch.GetElapsedTime(committed[a.Id], a.At).TotalMilliseconds)
            .ToList();
        Console.WriteLine("| steady load | deliveries | commit to arrival p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(
            $"| {RatePerSecond} events/s for {Steady.TotalSeconds:0} s | {delays.Count} | {BenchHost.Percentile(delays, 50):N0} "
                + $"| {BenchHost.Percentile(delays, 99):N0} | {delays.Max():N0} |"
        );

        await worker.StopAsync(CancellationToken.None);
        await dispatcher.StopAsync(CancellationToken.None);
    }

    /// <summary>Waits for the deliveries; when they do not all come, says what became of them.</summary>
    private static async Task WaitAsync(IServiceProvider services, Receiver receiver, int count, TimeSpan timeout)
    {
        if (await receiver.WaitForAsync(count, timeout))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var undispatched = await db.OutboundEvents.CountAsync(e => e.DispatchedAt == null);
        var dispatcher = services.GetRequiredService<EventDispatcher>().ExecuteTask;
        var enabled = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.WorkerEnabled;
        var states = await db
            .WebhookDeliveries.GroupBy(d => new { d.Status, d.LastError })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync();
        throw new TimeoutException(
            $"Only {receiver.Count} of {count} deliveries arrived within {timeout}; {undispatched} events undispatched "
                + $"(dispatcher {dispatcher?.Status} {dispatcher?.Exception?.GetBaseException().Message}, enabled {enabled}); deliveries: "
                + string.Join("; ", states.Select(s => $"{s.Count} {s.Key.Status} {s.Key.LastError}"))
        );
    }

    private static async Task AddEndpointsAsync(IServiceProvider services, Guid tenantId, Guid adminId, int port)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        for (var i = 0; i < Endpoints; i++)
        {
            var id = Guid.CreateVersion7();
            db.WebhookEndpoints.Add(
                WebhookEndpoint.Create(
                    id,
                    tenantId,
                    new Uri($"http://127.0.0.1:{port}/hooks/{i}"),
                    $"Receiver {i}",
                    [WebhookEndpoint.AllEvents],
                    protector.Protect(WebhookSecret.New(), WebhookScope.Binding(tenantId, id)),
                    adminId
                )
            );
        }

        await db.SaveChangesAsync();
    }

    /// <summary>One event in a commit of its own, as a connection's change writes it; remembers when it committed.</summary>
    private static async Task CommitEventAsync(IServiceProvider services, Guid tenantId, ConcurrentDictionary<string, long> committed)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var data = new JsonObject
        {
            ["tenant"] = tenantId.ToString(),
            ["connectionId"] = Guid.CreateVersion7().ToString(),
            ["provider"] = "salesforce",
            ["status"] = "NeedsReauthorization",
            ["reason"] = "The provider refused the refresh token.",
        };
        var outbound = EventPayloads.Create(tenantId, EventTypes.ConnectionNeedsReauthorization, data, DateTimeOffset.UtcNow);
        db.OutboundEvents.Add(outbound);
        await db.SaveChangesAsync();
        committed[WebhookDeliveryWorker.MessageId(outbound.Id)] = Stopwatch.GetTimestamp();
    }

    /// <summary>Counts arrivals and remembers when each came, by webhook-id.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private ConcurrentQueue<(string Id, long At)> _arrivals = new();
        private int _count;

        private Receiver()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.Run(context =>
            {
                _arrivals.Enqueue((context.Request.Headers["webhook-id"].ToString(), Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref _count);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            });
        }

        public int Port { get; private set; }

        public int Count => Volatile.Read(ref _count);

        public IReadOnlyList<(string Id, long At)> Arrivals => [.. _arrivals];

        public static async Task<Receiver> StartAsync()
        {
            var receiver = new Receiver();
            await receiver._app.StartAsync();
            var addresses = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            receiver.Port = new Uri(addresses.Addresses.Single()).Port;
            return receiver;
        }

        public void Reset()
        {
            _arrivals = new ConcurrentQueue<(string Id, long At)>();
            Interlocked.Exchange(ref _count, 0);
        }

        public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (Count < count && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20);
            }

            return Count >= count;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
