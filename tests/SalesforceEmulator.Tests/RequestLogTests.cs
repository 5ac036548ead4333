namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class RequestLogTests : EmulatorTest
{
    [Fact]
    public async Task Request_log_records_token_requests_with_their_form_fields_and_status()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        await RefreshAsync(Field(token, "refresh_token"));

        Emulator.RequestLog.Count(r => r.Path == "/services/oauth2/token" && r.GrantType == "refresh_token").ShouldBe(1);
        var exchange = Emulator.RequestLog.Single(r => r.GrantType == "authorization_code");
        exchange.Method.ShouldBe("POST");
        exchange.HostKind.ShouldBe(EmulatorHostKind.ProductionLogin);
        exchange.Origin.ShouldBe(Emulator.BaseUrl.GetLeftPart(UriPartial.Authority));
        exchange.StatusCode.ShouldBe(200);
        exchange.Timestamp.ShouldBe(Start);
        exchange.Form["code_verifier"].ShouldNotBeNullOrEmpty();
        exchange.Form["client_secret"].ShouldBe(DemoData.ClientSecret);
        var authorize = Emulator.RequestLog.First(r => r.Path == "/services/oauth2/authorize");
        authorize.Query["client_id"].ShouldBe(DemoData.ClientId);
        authorize.QueryString.ShouldStartWith("?");
    }

    [Fact]
    public async Task Request_log_records_bearer_calls_on_other_hosts()
    {
        var token = await ConnectAsync();
        using var response = await GetAsync(Rest(token), Field(token, "access_token"));

        var probe = Emulator.RequestLog.Last();
        probe.HostKind.ShouldBe(EmulatorHostKind.MyDomain);
        probe.Authorization.ShouldBe("Bearer " + Field(token, "access_token"));
        probe.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task Request_log_can_be_cleared()
    {
        await ConnectAsync();

        Emulator.RequestLog.Clear();

        Emulator.RequestLog.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Request_log_names_the_fault_that_shaped_a_response()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError());

        await RefreshAsync("5Aep861whatever");

        Emulator.RequestLog.Single(r => r.GrantType == "refresh_token").Fault.ShouldNotBeNull().ShouldContain("500");
    }
}
