namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed class RequestLogTests : EmulatorTest
{
    [Fact]
    public async Task Request_log_never_holds_a_code_token_secret_verifier_or_password()
    {
        var token = await ConnectAsync();
        await RefreshAsync(Field(token, "refresh_token"));
        await SendAsync(HttpMethod.Get, Demo.Acme, "/api/v2/users/me", Field(token, "access_token"));
        await SendAsync(HttpMethod.Delete, Demo.Acme, "/api/v2/oauth/tokens/current.json", Field(token, "access_token"));

        var everything = string.Join(
            "\n",
            Emulator.RequestLog.Select(r =>
                $"{r.Path} {r.Authorization} {string.Join(",", r.Query.Values)} {string.Join(",", r.Body.Values)}"
            )
        );
        everything.ShouldNotContain(Field(token, "access_token"));
        everything.ShouldNotContain(Field(token, "refresh_token"));
        everything.ShouldNotContain(DemoData.ClientSecret);
        everything.ShouldNotContain(DemoData.Password);
        var exchange = Emulator.RequestLog.Single(r => r.GrantType == "authorization_code");
        exchange.Body["code"].ShouldBe(RequestLog.Redacted);
        exchange.Body["code_verifier"].ShouldBe(RequestLog.Redacted);
        exchange.Body["client_id"].ShouldBe(DemoData.ClientId);
        exchange.StatusCode.ShouldBe(201);
        exchange.Subdomain.ShouldBe("acme");
        Emulator.RequestLog.Last().Authorization.ShouldBe("Bearer [redacted]");
        Emulator.RequestLog.Single(r => r.Path == "/access/login").Body["password"].ShouldBe(RequestLog.Redacted);
    }

    [Fact]
    public async Task Request_log_can_be_cleared()
    {
        await ConnectAsync();

        Emulator.RequestLog.Clear();

        Emulator.RequestLog.Count.ShouldBe(0);
    }
}
