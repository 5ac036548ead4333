using System.Net;

namespace Natero.Connectors.HubSpotEmulator.Tests;

public sealed class RequestLogAndFaultTests : EmulatorTest
{
    [Fact]
    public async Task The_request_log_never_holds_a_token_code_verifier_password_or_secret()
    {
        var pkce = Pkce.New();
        var outcome = await Browser.AuthorizeAsync(InstallUrl(pkce), Demo.Admin.Email, DemoData.Password, cancellationToken: Cancel);
        var code = QueryOf(outcome.Callback!)["code"];
        var (_, token) = await ExchangeAsync(code, pkce);
        await RefreshAsync(Field(token, "refresh_token"));
        await IntrospectAsync(Field(token, "access_token"));
        await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"));
        await RevokeAsync(Field(token, "refresh_token"));

        var secrets = new[]
        {
            DemoData.ClientSecret,
            DemoData.Password,
            code,
            pkce.Verifier,
            Field(token, "access_token"),
            Field(token, "refresh_token"),
        };
        var logged = Emulator
            .RequestLog.SelectMany(r => new[] { r.Path, r.QueryString, r.Authorization ?? "" }.Concat(r.Query.Values).Concat(r.Form.Values))
            .ToList();
        logged.ShouldNotBeEmpty();
        foreach (var secret in secrets)
        {
            logged.ShouldNotContain(value => value.Contains(secret, StringComparison.Ordinal));
        }

        var exchange = Emulator.RequestLog.Single(r => r.GrantType == "authorization_code");
        exchange.Form["client_id"].ShouldBe(DemoData.ClientId);
        exchange.Form["client_secret"].ShouldBe(RequestLog.Redacted);
        exchange.Form["code"].ShouldBe(RequestLog.Redacted);
        exchange.Form["code_verifier"].ShouldBe(RequestLog.Redacted);
        exchange.StatusCode.ShouldBe(200);
        exchange.Timestamp.ShouldBe(Start);
        Emulator.RequestLog.Single(r => r.Path == "/crm/v3/objects/contacts").Authorization.ShouldBe("Bearer [redacted]");
        Emulator.RequestLog.Single(r => r.Path == "/login").Form["password"].ShouldBe(RequestLog.Redacted);
        Emulator.RequestLog.First(r => r.Path == "/oauth/authorize").Query["code_challenge"].ShouldBe(pkce.Challenge);
    }

    [Fact]
    public async Task An_injected_server_error_answers_the_next_token_call_only()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(503));

        var (failedStatus, failed) = await RefreshAsync(Field(token, "refresh_token"));
        var (status, _) = await RefreshAsync(Field(token, "refresh_token"));

        failedStatus.ShouldBe(HttpStatusCode.ServiceUnavailable);
        Field(failed, "category").ShouldBe("INTERNAL_ERROR");
        status.ShouldBe(HttpStatusCode.OK);
        Emulator.RequestLog.Where(r => r.GrantType == "refresh_token").Select(r => r.Fault is null).ShouldBe([false, true]);
    }

    [Fact]
    public async Task A_rate_limit_fault_says_how_long_to_wait()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Crm, Fault.RetryAfter(429, TimeSpan.FromSeconds(10)));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.ApiBaseUrl, "crm/v3/objects/contacts?limit=1"));
        request.Headers.Authorization = new("Bearer", Field(token, "access_token"));
        using var response = await Http.SendAsync(request, Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_sticky_fault_stays_until_removed()
    {
        var fault = Emulator.Faults.Inject(EmulatorEndpoint.Introspect, Fault.ServerError(), times: null);

        (await IntrospectAsync("x")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        (await IntrospectAsync("x")).Status.ShouldBe(HttpStatusCode.InternalServerError);
        Emulator.Faults.Remove(fault);

        (await IntrospectAsync("x")).Status.ShouldBe(HttpStatusCode.OK);
        fault.TimesServed.ShouldBe(2);
    }

    [Fact]
    public async Task A_dropped_connection_is_logged_with_status_zero()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.DropConnection());

        await Should.ThrowAsync<HttpRequestException>(() => RefreshAsync("na1-x"));

        Emulator.RequestLog.Single(r => r.GrantType == "refresh_token").StatusCode.ShouldBe(0);
    }

    [Fact]
    public void The_banner_prints_the_settings_to_give_natero()
    {
        var banner = DemoBanner.Describe(Emulator, Callback);

        banner.ShouldContain($"HubSpot__ClientId={DemoData.ClientId}");
        banner.ShouldContain($"HubSpot__ClientSecret={DemoData.ClientSecret}");
        banner.ShouldContain($"HubSpot__CallbackUrl={Callback}");
        banner.ShouldContain($"HubSpot__AuthorizeUrl={Emulator.AuthorizeUrl}");
        banner.ShouldContain($"HubSpot__TokenUrl={Emulator.TokenUrl}");
        banner.ShouldContain("HubSpot__AllowLoopbackHttp=true");
        banner.ShouldContain(Demo.Consultant.Email);
        DemoBanner.PortOf(null).ShouldBe(5511);
        DemoBanner.PortOf("http://127.0.0.1:6000").ShouldBe(6000);
    }
}
