using System.Net;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class FaultTests : EmulatorTest
{
    [Fact]
    public async Task Server_error_answers_500_once_then_the_endpoint_recovers()
    {
        var token = await ConnectAsync();
        var fault = Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError());

        var (failed, body) = await RefreshAsync(Field(token, "refresh_token"));
        var (recovered, _) = await RefreshAsync(Field(token, "refresh_token"));

        failed.ShouldBe(HttpStatusCode.InternalServerError);
        Field(body, "error").ShouldBe("unknown_error");
        recovered.ShouldBe(HttpStatusCode.OK);
        fault.TimesServed.ShouldBe(1);
        Emulator.Faults.Pending.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_fault_answers_the_status_with_a_retry_after_header_in_seconds(int statusCode)
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.RetryAfter(statusCode, TimeSpan.FromMilliseconds(1500)));

        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = Field(token, "refresh_token") }
        );
        using var response = await Http.PostAsync(new Uri(Emulator.BaseUrl, "/services/oauth2/token"), content, Cancel);

        ((int)response.StatusCode).ShouldBe(statusCode);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        Emulator.RequestLog.Last().Fault!.ShouldContain("Retry-After: 2");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public async Task Html_fault_answers_a_page_where_json_was_expected(int statusCode)
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Admin, pkce);
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.Html(statusCode));

        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code }
        );
        using var response = await Http.PostAsync(new Uri(Emulator.BaseUrl, "/services/oauth2/token"), content, Cancel);

        ((int)response.StatusCode).ShouldBe(statusCode);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldStartWith("<!DOCTYPE html>");
    }

    [Fact]
    public async Task Omitted_fields_are_missing_from_an_otherwise_good_response()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.OmitFields("access_token", "signature"));

        var token = await ConnectAsync();

        token.ContainsKey("access_token").ShouldBeFalse();
        token.ContainsKey("signature").ShouldBeFalse();
        token.ContainsKey("refresh_token").ShouldBeTrue();
    }

    [Fact]
    public async Task Wrong_signature_is_well_formed_but_does_not_verify()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.WrongSignature());
        var tampered = await ConnectAsync();
        var honest = await ConnectAsync();

        Convert.FromBase64String(Field(tampered, "signature")).Length.ShouldBe(32);
        Field(tampered, "signature").ShouldNotBe(Signature(tampered));
        Field(honest, "signature").ShouldBe(Signature(honest));
    }

    [Fact]
    public async Task Untrusted_instance_url_replaces_the_real_one()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.UntrustedInstanceUrl("https://evil.example"));

        var token = await ConnectAsync();

        Field(token, "instance_url").ShouldBe("https://evil.example");
    }

    [Fact]
    public async Task Delay_holds_the_answer_until_the_clock_moves()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.Delay(TimeSpan.FromSeconds(30)));

        var refresh = RefreshAsync(Field(token, "refresh_token"));
        await WaitUntil(() => Emulator.Faults.Pending.Count == 0);
        await Task.Delay(100, Cancel);
        refresh.IsCompleted.ShouldBeFalse();

        // The clock moves until the answer comes, in case the delay started after the first move.
        while (!refresh.IsCompleted)
        {
            Time.Advance(TimeSpan.FromSeconds(30));
            await Task.WhenAny(refresh, Task.Delay(50, Cancel));
        }

        (await refresh).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Hang_ends_when_the_client_gives_up_and_is_logged_without_a_status()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Token, Fault.Hang());
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        using var content = new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = Field(token, "refresh_token") }
        );
        await Should.ThrowAsync<TaskCanceledException>(() =>
            impatient.PostAsync(new Uri(Emulator.BaseUrl, "/services/oauth2/token"), content, Cancel)
        );

        await WaitUntil(() => Emulator.RequestLog.Any(r => r.GrantType == "refresh_token" && r.StatusCode == 0));
    }

    [Fact]
    public async Task Sticky_fault_keeps_failing_until_removed()
    {
        var token = await ConnectAsync();
        var fault = Emulator.Faults.Inject(EmulatorEndpoint.Identity, Fault.ServerError(503), times: null);

        for (var i = 0; i < 3; i++)
        {
            using var response = await GetAsync(Field(token, "id"), Field(token, "access_token"));
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        Emulator.Faults.Remove(fault);
        using var recovered = await GetAsync(Field(token, "id"), Field(token, "access_token"));
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
        fault.TimesServed.ShouldBe(3);
    }

    [Fact]
    public async Task Dropped_connection_gives_the_client_no_response()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Rest, Fault.DropConnection());

        await Should.ThrowAsync<HttpRequestException>(() => GetAsync(Rest(token), Field(token, "access_token")));
    }

    [Fact]
    public async Task Rest_error_fault_answers_in_the_REST_error_shape()
    {
        var token = await ConnectAsync();
        Emulator.Faults.Inject(EmulatorEndpoint.Rest, Fault.RestError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));

        var (status, errors) = await GetJsonAsync(Rest(token), Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        Field(errors![0], "errorCode").ShouldBe("REQUEST_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Fault_on_one_endpoint_leaves_the_others_alone()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Revoke, Fault.ServerError());

        var token = await ConnectAsync();

        token.ContainsKey("access_token").ShouldBeTrue();
        Emulator.Faults.Pending.Count.ShouldBe(1);
    }

    private static string Signature(JsonObject token) =>
        Convert.ToBase64String(
            System.Security.Cryptography.HMACSHA256.HashData(
                System.Text.Encoding.UTF8.GetBytes(DemoData.ClientSecret),
                System.Text.Encoding.UTF8.GetBytes(Field(token, "id") + Field(token, "issued_at"))
            )
        );

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Cancel);
        }

        condition().ShouldBeTrue();
    }
}
