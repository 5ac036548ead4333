using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Salesforce;
using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>F2: the host app's Salesforce client refreshes once on an expired session, retries once, and never loops.</summary>
public sealed class SalesforceApiTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task A_request_with_a_working_token_is_sent_once_with_the_stored_token()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var stored = await StoredTokensAsync(id);

        using var response = await SendProbeAsync(id);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        RestCalls.ShouldBe(1);
        RefreshCalls.ShouldBe(0);
        var probe = App.Salesforce.RequestLog.Single(r => r.Path == ProbePath);
        probe.Authorization.ShouldBe($"Bearer {stored.AccessToken}");
        probe.Origin.ShouldBe(App.Salesforce.Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task F2_an_expired_session_is_refreshed_once_and_the_request_retried_once()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var old = (await StoredTokensAsync(id)).AccessToken;
        App.Salesforce.ExpireAllAccessTokens();

        using var response = await SendProbeAsync(id);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        RefreshCalls.ShouldBe(1);
        var probes = App.Salesforce.RequestLog.Where(r => r.Path == ProbePath).ToList();
        probes.Select(p => p.StatusCode).ShouldBe([401, 200]);
        var renewed = (await StoredTokensAsync(id)).AccessToken;
        renewed.ShouldNotBe(old);
        probes[1].Authorization.ShouldBe($"Bearer {renewed}");
    }

    [Fact]
    public async Task F2_a_second_invalid_session_stops_after_one_refresh_and_two_calls()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(
            EmulatorEndpoint.Rest,
            Fault.RestError(401, "INVALID_SESSION_ID", "Session expired or invalid"),
            times: null
        );

        using var response = await SendProbeAsync(id);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("INVALID_SESSION_ID");
        RefreshCalls.ShouldBe(1);
        RestCalls.ShouldBe(2);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task F2_a_session_not_valid_for_the_rest_api_is_returned_without_a_refresh()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(
            EmulatorEndpoint.Rest,
            Fault.RestError(401, "INVALID_SESSION_ID", "This session is not valid for use with the REST API"),
            times: null
        );

        using var response = await SendProbeAsync(id);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not valid for use with the REST API");
        RefreshCalls.ShouldBe(0);
        RestCalls.ShouldBe(1);
    }

    [Fact]
    public async Task F2_when_the_refresh_is_refused_the_request_fails_with_needs_reauthorization_and_is_not_retried()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();

        var result = await SendAsync(id);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("needs_reauthorization");
        RefreshCalls.ShouldBe(1);
        RestCalls.ShouldBe(1);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
    }

    [Fact]
    public async Task Another_tenants_connection_is_not_found_and_nothing_is_sent()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);

        var result = await App
            .Services.GetRequiredService<ISalesforceApi>()
            .SendAsync(
                Guid.NewGuid(),
                id,
                instance => new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "services/data/v62.0/")),
                CancellationToken.None
            );

        result.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        App.Salesforce.RequestLog.ShouldBeEmpty();
    }

    private async Task<HttpResponseMessage> SendProbeAsync(Guid connectionId)
    {
        var result = await SendAsync(connectionId);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    private Task<Result<HttpResponseMessage>> SendAsync(Guid connectionId) =>
        App
            .Services.GetRequiredService<ISalesforceApi>()
            .SendAsync(
                DemoTenantId,
                connectionId,
                instance => new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "services/data/v62.0/")),
                CancellationToken.None
            );
}
