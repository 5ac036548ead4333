using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using OpenTelemetry.Metrics;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Telemetry;

/// <summary>Spans and metrics of a connect, a refresh and a verification, read from the in-memory exporter.</summary>
public sealed partial class TelemetryTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string TokenPath = "/services/oauth2/token";

    [Fact]
    public async Task A_connect_makes_a_server_span_provider_http_spans_and_a_connect_span_without_a_secret_anywhere()
    {
        await using var traced = TracedHost.Start(Factory);
        using var browser = NewBrowser(traced.Host);
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorizationUrl = await ConnectFlow.StartAsync(browser);
        var callback = await ConnectFlow.AtSalesforceAsync(authorizationUrl, Factory.Salesforce.Demo.Admin);
        traced.Spans.Clear();

        using (var response = await browser.GetPageAsync(callback))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var spans = await traced.FlushSpansOnceAsync(all =>
            all.Any(c => c.OperationName == "natero.connection.connect" && all.Any(s => s.SpanId == c.ParentSpanId))
        );
        var connect = spans.Where(s => s.OperationName == "natero.connection.connect").ShouldHaveSingleItem();
        var server = spans.Single(s => s.SpanId == connect.ParentSpanId);
        server.Kind.ShouldBe(ActivityKind.Server);
        connect.GetTagItem(TelemetryTags.Provider).ShouldBe("salesforce");
        connect.GetTagItem(TelemetryTags.Outcome).ShouldBe("connected");
        connect.GetTagItem(TelemetryTags.TenantSlug).ShouldBe(TestUsers.DemoTenant);
        connect.GetTagItem(TelemetryTags.ConnectionId).ShouldNotBeNull();
        server.GetTagItem("http.route")!.ToString()!.ShouldContain("oauth/callback");
        server.GetTagItem("url.query").ShouldBeNull("the callback's query is the code and the state");
        var host = Factory.Salesforce.BaseUrl.Host;
        var calls = spans
            .Where(s => s.Kind == ActivityKind.Client && s.TraceId == connect.TraceId && s.GetTagItem("http.request.method") is not null)
            .ToList();
        calls.ShouldNotBeEmpty();
        var described = string.Join("; ", calls.Select(s => string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))));
        calls.ShouldAllBe(s => (string?)s.GetTagItem(TelemetryTags.Provider) == "salesforce", described);
        calls.ShouldAllBe(s => !string.IsNullOrEmpty((string?)s.GetTagItem("server.address")), described);
        calls.ShouldContain(s => (string?)s.GetTagItem("server.address") == host, described);
        calls.ShouldContain(s => ((string)s.GetTagItem("url.full")!).EndsWith(TokenPath, StringComparison.Ordinal));
        traced
            .Value("natero.connection.authorizations", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Outcome, "connected"))
            .ShouldNotBeNull();
        traced.Value("natero.provider.calls", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Outcome, "success")).ShouldNotBeNull();
        traced.Value("natero.audit.appends").ShouldNotBeNull();

        var token = Factory.Salesforce.RequestLog.Last(r => r.Path == TokenPath);
        NoSecretIn(
            traced,
            [
                ConnectFlow.Query(new Uri(new Uri("https://localhost"), callback), "code").TrimEnd('='),
                ConnectFlow.Query(authorizationUrl, "state"),
                token.Form["code_verifier"],
                DemoData.ClientSecret,
                "5Aep861",
            ]
        );
    }

    [Fact]
    public async Task A_verification_that_needs_a_refresh_makes_both_spans_and_counts_them_by_provider_and_outcome()
    {
        await using var traced = TracedHost.Start(Factory);
        var id = await Factory.ConnectDemoAsync();
        var key = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, AllPermissions);
        using var client = Client(traced.Host, key);
        Factory.Salesforce.ExpireAllAccessTokens();

        using (var response = await client.PostAsync($"/api/v1/connections/{id}/verify", null))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var spans = traced.FlushSpans();
        var verify = spans.Where(s => s.OperationName == "natero.connection.verify").ShouldHaveSingleItem();
        verify.GetTagItem(TelemetryTags.ConnectionId).ShouldBe(id);
        verify.GetTagItem(TelemetryTags.Outcome).ShouldBe("enabled");
        var refresh = spans.Where(s => s.OperationName == "natero.connection.refresh").ShouldHaveSingleItem();
        refresh.ParentSpanId.ShouldBe(verify.SpanId);
        refresh.GetTagItem(TelemetryTags.Outcome).ShouldBe("success");
        traced
            .Value("natero.token.refreshes", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Outcome, "success"))
            .ShouldNotBeNull();
        traced
            .Value("natero.connection.verifications", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Outcome, "enabled"))
            .ShouldNotBeNull();
        NoSecretIn(traced, [DemoData.ClientSecret, key, "5Aep861"]);
    }

    [Fact]
    public async Task A_refused_refresh_is_counted_as_a_failure_by_its_reason()
    {
        await using var traced = TracedHost.Start(Factory);
        var id = await Factory.ConnectDemoAsync();
        using var client = Client(traced.Host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, AllPermissions));
        Factory.Salesforce.RevokeAllTokens();

        using (var response = await client.PostAsync($"/api/v1/connections/{id}/verify", null))
        {
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        }

        var refresh = traced.FlushSpans().Where(s => s.OperationName == "natero.connection.refresh").ShouldHaveSingleItem();
        refresh.Status.ShouldBe(ActivityStatusCode.Error);
        refresh.GetTagItem(TelemetryTags.Reason).ShouldBe("refresh_rejected");
        traced
            .Value("natero.token.refresh.failures", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Reason, "refresh_rejected"))
            .ShouldNotBeNull();
    }

    [Fact]
    public async Task The_gauges_count_connections_by_status_and_the_outbox_lag_and_waiting_deliveries_exist()
    {
        await using var traced = TracedHost.Start(Factory);
        await Factory.ConnectDemoAsync();

        await traced.Host.Services.GetRequiredService<OperationalGauges>().SampleAsync(CancellationToken.None);

        traced
            .Value("natero.connections", (TelemetryTags.Provider, "salesforce"), (TelemetryTags.Status, "pending_configuration"))
            .ShouldBe(1);
        traced.Value("natero.outbox.lag").ShouldNotBeNull();
        traced.Value("natero.webhook.deliveries.waiting").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_log_line_written_during_a_request_carries_that_request_s_trace_id()
    {
        await using var traced = TracedHost.Start(Factory);
        var traceId = ActivityTraceId.CreateRandom();
        using var client = traced.Host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/providers");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);

        traced.Logs.Lines.ShouldContain(l => l.TraceId == traceId.ToString());
    }

    /// <summary>No span name, tag, event or link, nor any metric tag, holds one of <paramref name="secrets"/> or an access token.</summary>
    private static void NoSecretIn(TracedHost traced, IReadOnlyList<string> secrets)
    {
        var texts = new List<string>();
        foreach (var span in traced.FlushSpans())
        {
            texts.Add(span.DisplayName);
            texts.Add(span.OperationName);
            texts.AddRange(span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}").Append(e.Name)));
            texts.AddRange(span.Links.SelectMany(l => (l.Tags ?? []).Select(t => $"{t.Key}={t.Value}")));
            texts.AddRange(span.Baggage.Select(b => $"{b.Key}={b.Value}"));
        }

        foreach (var metric in traced.FlushMetrics())
        {
            foreach (var point in metric.MetricPoints)
            {
                texts.AddRange(TracedHost.Tags(point).Select(t => $"{metric.Name} {t.Key}={t.Value}"));
            }
        }

        texts.ShouldNotBeEmpty();
        foreach (var secret in secrets)
        {
            texts.Where(t => t.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"a secret ({secret[..4]}…) was recorded");
        }

        texts.Where(t => AccessToken().IsMatch(t)).ShouldBeEmpty("an access token was recorded");
    }

    private static Browser NewBrowser(WebApplicationFactory<Program> host) =>
        new(
            host.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );

    [GeneratedRegex("00D[A-Za-z0-9]{12,15}!")]
    private static partial Regex AccessToken();
}
