using System.Globalization;
using System.Net;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// <c>OpenTelemetry:*</c>, read and checked when the plugin is added (exporters are chosen then): <c>Endpoint</c> (OTLP;
/// none: no export), <c>Protocol</c> (<c>http/protobuf</c>, the default, or <c>grpc</c>), <c>ServiceName</c> (default
/// natero-connectors), <c>TraceSampleRatio</c> (default 0.1, of the traces that start here),
/// <c>Prometheus:Enabled</c> (default false) and <c>Prometheus:AllowedNetworks</c> (CIDR ranges that may scrape
/// without a key).
/// </summary>
internal sealed record TelemetrySettings(
    Uri? Endpoint,
    bool Grpc,
    string ServiceName,
    double TraceSampleRatio,
    bool PrometheusEnabled,
    IReadOnlyList<IPNetwork> AllowedNetworks
)
{
    public const string Section = "OpenTelemetry";

    /// <summary>Whether anything is exported: only then are the spans and metrics collected at all.</summary>
    public bool Enabled => Endpoint is not null || PrometheusEnabled;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var endpoint = section["Endpoint"];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (
                !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out uri)
                || uri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(uri.UserInfo)
                || !string.IsNullOrEmpty(uri.Query)
            )
            {
                throw new InvalidOperationException(
                    "OpenTelemetry:Endpoint must be an absolute http or https URL without credentials or query, such as "
                        + "http://otel-collector:4318 (the collector's OTLP port), or empty for no export."
                );
            }
        }

        var protocol = section["Protocol"]?.Trim();
        if (protocol is not (null or "" or "http/protobuf" or "grpc"))
        {
            throw new InvalidOperationException("OpenTelemetry:Protocol must be http/protobuf (the default) or grpc.");
        }

        var ratioText = section["TraceSampleRatio"];
        var ratio = 0.1;
        if (
            !string.IsNullOrWhiteSpace(ratioText)
            && (!double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) || ratio is < 0 or > 1)
        )
        {
            throw new InvalidOperationException(
                $"OpenTelemetry:TraceSampleRatio is '{ratioText}': it must be a number from 0 (no trace) to 1 (every trace)."
            );
        }

        var serviceName = section["ServiceName"];
        var enabledText = section["Prometheus:Enabled"];
        var prometheus = false;
        if (!string.IsNullOrWhiteSpace(enabledText) && !bool.TryParse(enabledText, out prometheus))
        {
            throw new InvalidOperationException($"OpenTelemetry:Prometheus:Enabled is '{enabledText}': it must be true or false.");
        }

        var networks = (section.GetSection("Prometheus:AllowedNetworks").Get<string[]>() ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(ParseNetwork)
            .ToList();
        return new TelemetrySettings(
            uri,
            protocol == "grpc",
            string.IsNullOrWhiteSpace(serviceName) ? "natero-connectors" : serviceName.Trim(),
            ratio,
            prometheus,
            networks
        );
    }

    /// <summary>Where the exporter sends <paramref name="signal"/> (traces, metrics): OTLP over HTTP names one path per signal.</summary>
    public Uri ExportUri(string signal) => Grpc ? Endpoint! : new Uri(Endpoint!.AbsoluteUri.TrimEnd('/') + "/v1/" + signal);

    private static IPNetwork ParseNetwork(string value) =>
        IPNetwork.TryParse(value.Trim(), out var network)
            ? network
            : throw new InvalidOperationException(
                $"OpenTelemetry:Prometheus:AllowedNetworks has '{value}', which is not a CIDR range such as 10.0.0.0/8."
            );
}
