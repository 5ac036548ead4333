using System.Diagnostics;
using Microsoft.AspNetCore.Routing.Patterns;
using Natero.Connectors.Application.Common.Telemetry;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Natero.Connectors.Web.Composition;

internal static class NateroOpenTelemetry
{
    /// <summary>Route parameters whose values are secrets (a connect link's token, an invitation, a password reset).</summary>
    private static readonly string[] SecretParameters = ["token", "code", "secret", "key"];

    /// <summary>
    /// Log lines carry the trace and span ids; and, when <c>OpenTelemetry:Endpoint</c> or the Prometheus endpoint is
    /// configured, traces (ASP.NET Core, provider calls, PostgreSQL through Npgsql, the plugin's own spans) and metrics
    /// (requests, the plugin's meter, the runtime) are collected and exported. A host with its own OpenTelemetry set-up
    /// gets these sources and meters added to its providers.
    /// </summary>
    public static void AddNateroOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Logging.Configure(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId
        );
        if (!settings.Enabled)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(settings.ServiceName));
        telemetry.WithTracing(tracing =>
        {
            tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                .AddSource(NateroTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.EnrichWithHttpRequest = (span, _) => span.SetTag("url.query", null);
                    o.EnrichWithHttpResponse = EnrichServerSpan;
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = EnrichClientSpan;
                    o.RecordException = false;
                })
                .AddNpgsql();
            if (settings.Endpoint is not null)
            {
                tracing.AddOtlpExporter(o => Export(o, settings, "traces"));
            }
        });
        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddMeter(NateroTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (settings.Endpoint is not null)
            {
                metrics.AddOtlpExporter(o => Export(o, settings, "metrics"));
            }

            if (settings.PrometheusEnabled)
            {
                metrics.AddPrometheusExporter();
            }
        });
    }

    private static void Export(OtlpExporterOptions options, TelemetrySettings settings, string signal)
    {
        options.Protocol = settings.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = settings.ExportUri(signal);
    }

    /// <summary>
    /// The query string is dropped (a callback's is the authorization code and state); on a route whose path holds a
    /// secret, the path becomes the route's template. The tenant's slug is named when the route has one.
    /// </summary>
    private static void EnrichServerSpan(Activity span, HttpResponse response)
    {
        var context = response.HttpContext;
        span.SetTag("url.query", null);
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern } && pattern.Parameters.Any(IsSecret))
        {
            span.SetTag("url.path", pattern.RawText);
        }

        if (context.GetRouteValue("tenant") is string tenant)
        {
            span.SetTag(TelemetryTags.TenantSlug, tenant);
        }
    }

    private static bool IsSecret(RoutePatternParameterPart parameter) =>
        SecretParameters.Any(s => parameter.Name.Contains(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A provider's call is named by provider and host, its URL kept without the query (a revoke's may hold the token);
    /// any other call (a webhook receiver's URL may embed its own secret) keeps only its scheme, host and port.
    /// </summary>
    private static void EnrichClientSpan(Activity span, HttpRequestMessage request)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return;
        }

        if (request.Options.TryGetValue(NateroTelemetry.ProviderOption, out var provider))
        {
            span.SetTag(TelemetryTags.Provider, provider);
            span.SetTag("server.address", uri.Host);
            span.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
        }
        else
        {
            span.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + "/");
        }
    }
}
