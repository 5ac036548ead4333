using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Natero.Connectors.Application.Common.Telemetry;

/// <summary>
/// The plugin's own spans and metrics, named <c>Natero.Connectors</c>, through <c>System.Diagnostics</c> only: the host
/// (or the plugin's OpenTelemetry step) decides whether anything listens. Tags carry ids, provider keys, outcomes and
/// error codes; never a token, a code, a verifier, a secret or an API key.
/// </summary>
public static class NateroTelemetry
{
    public const string Name = "Natero.Connectors";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Set by a provider's HTTP client on each request, so that the HTTP span can name the provider.</summary>
    public static readonly HttpRequestOptionsKey<string> ProviderOption = new("natero.provider");

    private static readonly Counter<long> ProviderCalls = Meter.CreateCounter<long>(
        "natero.provider.calls",
        "{call}",
        "HTTP calls to OAuth providers, by provider and outcome (success, client_error, server_error, failure)."
    );

    private static readonly Histogram<double> ProviderCallDuration = Meter.CreateHistogram<double>(
        "natero.provider.call.duration",
        "s",
        "How long HTTP calls to OAuth providers took, by provider and outcome."
    );

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        "natero.token.refreshes",
        "{refresh}",
        "Access token refreshes, by provider and outcome (success, failure)."
    );

    private static readonly Counter<long> RefreshFailures = Meter.CreateCounter<long>(
        "natero.token.refresh.failures",
        "{refresh}",
        "Failed access token refreshes, by provider and reason (an error code such as refresh_rejected)."
    );

    private static readonly Counter<long> Verifications = Meter.CreateCounter<long>(
        "natero.connection.verifications",
        "{verification}",
        "Connection verifications, by provider and outcome (the API access check's outcome)."
    );

    private static readonly Counter<long> Authorizations = Meter.CreateCounter<long>(
        "natero.connection.authorizations",
        "{callback}",
        "OAuth callbacks completed, by provider and outcome (connected, denied, failed)."
    );

    private static readonly Counter<long> AuditAppends = Meter.CreateCounter<long>(
        "natero.audit.appends",
        "{event}",
        "Audit events committed to the trail."
    );

    private static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>(
        "natero.webhook.attempts",
        "{attempt}",
        "Webhook delivery attempts, by outcome (delivered, failed)."
    );

    /// <summary>A span of ours for a connection: tagged with its tenant and connection ids (ids only).</summary>
    public static Activity? StartConnectionSpan(string name, Guid? tenantId, Guid? connectionId, string? provider = null)
    {
        var span = Source.StartActivity(name);
        if (span is not null)
        {
            span.SetTag(TelemetryTags.TenantId, tenantId);
            span.SetTag(TelemetryTags.ConnectionId, connectionId);
            span.SetTag(TelemetryTags.Provider, provider);
        }

        return span;
    }

    public static void ProviderCalled(string provider, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { TelemetryTags.Provider, provider }, { TelemetryTags.Outcome, outcome } };
        ProviderCalls.Add(1, tags);
        ProviderCallDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A refresh ended: counted, and the current refresh span (when there is one) tagged.</summary>
    /// <param name="failure">The error code of a failed refresh; null when it succeeded.</param>
    public static void Refreshed(string provider, string? failure)
    {
        var outcome = failure is null ? "success" : "failure";
        Refreshes.Add(1, new TagList { { TelemetryTags.Provider, provider }, { TelemetryTags.Outcome, outcome } });
        if (failure is not null)
        {
            RefreshFailures.Add(1, new TagList { { TelemetryTags.Provider, provider }, { TelemetryTags.Reason, failure } });
        }

        Ended(provider, outcome, failure);
    }

    public static void Verified(string provider, string outcome, string? failure)
    {
        Verifications.Add(1, new TagList { { TelemetryTags.Provider, provider }, { TelemetryTags.Outcome, outcome } });
        Ended(provider, outcome, failure);
    }

    public static void Authorized(string provider, string outcome, string? failure)
    {
        Authorizations.Add(1, new TagList { { TelemetryTags.Provider, provider }, { TelemetryTags.Outcome, outcome } });
        Ended(provider, outcome, failure);
    }

    public static void AuditAppended(int events) => AuditAppends.Add(events);

    public static void WebhookAttempted(bool delivered, int? statusCode)
    {
        var outcome = delivered ? "delivered" : "failed";
        WebhookAttempts.Add(1, new TagList { { TelemetryTags.Outcome, outcome } });
        if (Activity.Current is { } span && span.Source == Source)
        {
            span.SetTag(TelemetryTags.Outcome, outcome);
            span.SetTag("http.response.status_code", statusCode);
            span.SetStatus(delivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }
    }

    /// <summary>Tags the current span of ours with how it ended; a failure is named by its code, never its message.</summary>
    private static void Ended(string provider, string outcome, string? failure)
    {
        if (Activity.Current is not { } span || span.Source != Source)
        {
            return;
        }

        span.SetTag(TelemetryTags.Provider, provider);
        span.SetTag(TelemetryTags.Outcome, outcome);
        span.SetTag(TelemetryTags.Reason, failure);
        span.SetStatus(failure is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }
}
