using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Telemetry;

/// <summary>GET /metrics: only when enabled, only for a platform key or an allowed network; and OTLP export when configured.</summary>
public sealed class PrometheusEndpointTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Without_prometheus_enabled_there_is_no_metrics_endpoint()
    {
        using var client = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_key_from_outside_the_allowed_networks_the_metrics_are_refused()
    {
        await using var traced = TracedHost.Start(Factory, ("OpenTelemetry:Prometheus:AllowedNetworks:0", "10.20.0.0/16"));
        using var client = Client(traced.Host, null);
        client.DefaultRequestHeaders.Add(ClientAddressHeader, "192.0.2.7");

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("# TYPE");
    }

    [Fact]
    public async Task A_platform_key_reads_the_metrics_in_prometheus_text()
    {
        await using var traced = TracedHost.Start(Factory);
        using var client = Client(traced.Host, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAuditor));
        client.DefaultRequestHeaders.Accept.Clear();
        await Factory.ConnectDemoAsync();

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE");
        text.ShouldContain("natero_provider_calls");
    }

    [Fact]
    public async Task A_tenant_key_is_refused_even_with_every_permission()
    {
        await using var traced = TracedHost.Start(Factory);
        using var client = Client(traced.Host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, AllPermissions));

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("# TYPE");
    }

    [Fact]
    public async Task An_address_in_the_allowed_networks_reads_the_metrics_without_a_key()
    {
        await using var traced = TracedHost.Start(Factory, ("OpenTelemetry:Prometheus:AllowedNetworks:0", "10.20.0.0/16"));
        using var client = Client(traced.Host, null);
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, "10.20.3.4");

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("# TYPE");
    }

    [Fact]
    public async Task With_an_endpoint_traces_are_exported_over_otlp_http()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var port = FreePort();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var listener = collector.Build();
        listener.MapPost("/v1/{signal}", (HttpRequest request, string signal) =>
        {
            if (signal == "traces" && request.ContentType == "application/x-protobuf")
            {
                received.TrySetResult(signal);
            }

            return Results.Ok();
        });
        await listener.StartAsync();
        await using var traced = TracedHost.Start(Factory, ("OpenTelemetry:Endpoint", $"http://127.0.0.1:{port}"));
        using var client = Client(traced.Host, null);

        using (await client.GetAsync("/api/v1/providers")) { }

        traced.FlushSpans();
        (await received.Task.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("traces");
        await listener.StopAsync();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
