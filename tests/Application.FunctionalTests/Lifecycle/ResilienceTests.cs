using System.Diagnostics;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>The resilience policies: GETs are retried, the code exchange and the refresh are sent once.</summary>
public sealed class ResilienceTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task A_get_that_fails_twice_with_503_is_retried_and_succeeds()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Rest, Fault.ServerError(503), times: 2);

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Healthy.ShouldBeTrue(result.Value.Message);
        App.Salesforce.RequestLog.Where(r => r.Path == ProbePath).Select(r => r.StatusCode).ShouldBe([503, 503, 200]);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_get_answered_with_retry_after_waits_that_long_before_its_retry(int statusCode)
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Rest, Fault.RetryAfter(statusCode, TimeSpan.FromSeconds(1)));

        var stopwatch = Stopwatch.StartNew();
        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);
        stopwatch.Stop();

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Healthy.ShouldBeTrue(result.Value.Message);
        App.Salesforce.RequestLog.Where(r => r.Path == ProbePath).Select(r => r.StatusCode).ShouldBe([statusCode, 200]);

        // The configured backoff here is 10 ms; only the server's Retry-After explains a pause of a second.
        stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_get_that_keeps_failing_is_tried_three_times_and_then_reported()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Rest, Fault.ServerError(503), times: null);

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Healthy.ShouldBeFalse();
        RestCalls.ShouldBe(3);
    }

    [Fact]
    public async Task The_code_exchange_that_fails_with_500_is_sent_exactly_once()
    {
        var callback = await Flow.CallbackAsync(Admin, App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: null);

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        App.Salesforce.RequestLog.Count(r => r.Path == TokenPath && r.GrantType == "authorization_code").ShouldBe(1);
    }

    [Fact]
    public async Task The_refresh_that_fails_with_500_is_sent_exactly_once()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await AgeAccessTokenAsync(id);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: null);

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.IsSuccess.ShouldBeFalse();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        RefreshCalls.ShouldBe(1);
    }
}

/// <summary>An app of its own whose breaker opens after two calls, so that opening it disturbs no other test.</summary>
public sealed class CircuitBreakerFixture : IAsyncLifetime
{
    public ApplicationFixture App { get; } =
        new(
            new Dictionary<string, string?>
            {
                ["Salesforce:Resilience:CircuitMinimumThroughput"] = "2",
                ["Salesforce:Resilience:CircuitBreakDuration"] = "00:00:30",
            },
            "breaker"
        );

    public ValueTask InitializeAsync() => App.InitializeAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>The breaker is per Salesforce instance host: one org's outage does not pause calls to another.</summary>
public sealed class CircuitBreakerTests(CircuitBreakerFixture fixture) : LifecycleTest(fixture.App), IClassFixture<CircuitBreakerFixture>
{
    [Fact]
    public async Task Repeated_failures_open_the_circuit_for_one_instance_host_while_another_host_keeps_working()
    {
        var acme = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var sandbox = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        var acmeOrigin = App.Salesforce.Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority);
        var sandboxOrigin = App.Salesforce.Demo.AcmeSandbox.MyDomainUrl.GetLeftPart(UriPartial.Authority);
        acmeOrigin.ShouldNotBe(sandboxOrigin);

        // Acme's instance fails until its circuit opens.
        var outage = App.Salesforce.Faults.Inject(EmulatorEndpoint.Rest, Fault.ServerError(503), times: null);
        var failing = await App.SendAsync(new VerifyConnectionCommand(acme), Admin, TestUsers.DemoTenant);
        failing.Value.Healthy.ShouldBeFalse();
        App.Salesforce.Faults.Remove(outage);
        App.Salesforce.RequestLog.Clear();

        // Acme now fails fast, without a call, and says why.
        var stopwatch = Stopwatch.StartNew();
        var paused = await App.SendAsync(new VerifyConnectionCommand(acme), Admin, TestUsers.DemoTenant);
        stopwatch.Stop();
        paused.IsSuccess.ShouldBeTrue(paused.Error?.Message);
        paused.Value.Healthy.ShouldBeFalse();
        paused.Value.Message.ShouldBe(
            $"Salesforce at {App.Salesforce.Demo.Acme.MyDomainUrl.Host} failed repeatedly; "
                + "Natero pauses calls to it for 30 seconds. Nothing was changed; try again shortly."
        );
        (await ConnectionAsync(acme)).LastErrorCode.ShouldBe("salesforce_unavailable");
        App.Salesforce.RequestLog.ShouldNotContain(r => r.Origin == acmeOrigin);
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));

        // The sandbox org, on another instance host, verifies as usual.
        var working = await App.SendAsync(new VerifyConnectionCommand(sandbox), Admin, TestUsers.DemoTenant);
        working.IsSuccess.ShouldBeTrue(working.Error?.Message);
        working.Value.Healthy.ShouldBeTrue(working.Value.Message);
        App.Salesforce.RequestLog.ShouldContain(r => r.Origin == sandboxOrigin && r.Path == ProbePath && r.StatusCode == 200);
    }
}
