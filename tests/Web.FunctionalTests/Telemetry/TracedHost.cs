using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Tests.Shared;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Telemetry;

/// <summary>
/// The factory's host with telemetry on (every trace sampled, the Prometheus endpoint on) and the spans and metrics
/// also kept in memory for the test to read.
/// </summary>
public sealed class TracedHost : IAsyncDisposable
{
    private TracedHost(WebApplicationFactory<Program> host) => Host = host;

    public WebApplicationFactory<Program> Host { get; }

    public List<Activity> Spans { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public TraceLogs Logs { get; } = new();

    public static TracedHost Start(NateroWebFactory factory, params (string Key, string Value)[] settings)
    {
        TracedHost? traced = null;
        var host = factory
            .WithSettings([("OpenTelemetry:Prometheus:Enabled", "true"), ("OpenTelemetry:TraceSampleRatio", "1"), .. settings])
            .WithWebHostBuilder(builder =>
                builder
                    .ConfigureServices(services =>
                    {
                        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(traced!.Spans));
                        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(traced!.Metrics));
                    })
                    .ConfigureLogging(logging => logging.AddProvider(traced!.Logs))
            );
        traced = new TracedHost(host);
        _ = host.Server;
        return traced;
    }

    /// <summary>Every metric exported so far, after a flush; the newest snapshot of each name last.</summary>
    public List<MetricSnapshot> FlushMetrics()
    {
        // False when the Prometheus reader (pull only) has nothing to flush; the in-memory reader still exports.
        Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        lock (Metrics)
        {
            return [.. Metrics];
        }
    }

    public List<Activity> FlushSpans()
    {
        Host.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    /// <summary>
    /// The spans flushed once <paramref name="complete"/> holds of them, polled for up to 10 s: a request's server span
    /// ends only after its response has reached the client, so it may still be open when the test reads the spans.
    /// </summary>
    public async Task<List<Activity>> FlushSpansOnceAsync(Func<IReadOnlyList<Activity>, bool> complete)
    {
        List<Activity> spans = [];
        await Poll.UntilAsync(TimeSpan.FromSeconds(10), () => complete(spans = FlushSpans()));
        return spans;
    }

    /// <summary>The newest point of <paramref name="name"/> with all of <paramref name="tags"/>; null if none.</summary>
    public double? Value(string name, params (string Key, string Value)[] tags)
    {
        foreach (var metric in FlushMetrics().Where(m => m.Name == name).Reverse())
        {
            foreach (var point in metric.MetricPoints)
            {
                var pointTags = Tags(point);
                if (tags.All(t => pointTags.Any(p => p.Key == t.Key && Equals(p.Value?.ToString(), t.Value))))
                {
                    return metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                        MetricType.LongGauge => point.GetGaugeLastValueLong(),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                        _ => point.GetHistogramCount(),
                    };
                }
            }
        }

        return null;
    }

    public static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
