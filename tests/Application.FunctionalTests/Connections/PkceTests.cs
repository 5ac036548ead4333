using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>S4: the code is bound to a verifier only the server knows, and the verifier travels only in the token request body.</summary>
public sealed class PkceTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Fact]
    public async Task S4_the_authorize_url_carries_an_s256_challenge()
    {
        var started = await Flow.StartAsync(Admin);

        var query = QueryHelpers.ParseQuery(started.AuthorizationUrl.Query);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldMatch("^[A-Za-z0-9_-]{43}$");
    }

    [Fact]
    public async Task S4_the_token_request_carries_the_verifier_of_the_challenge_and_no_url_or_log_line_carries_it()
    {
        var started = await Flow.StartAsync(Admin);
        var challenge = QueryHelpers.ParseQuery(started.AuthorizationUrl.Query)["code_challenge"].ToString();
        var callback = await Flow.AtSalesforceAsync(started, Salesforce.Admin);

        (await Flow.CompleteAsync(callback, Admin)).Value.Connected.ShouldBeTrue();

        var verifier = TokenRequests.ShouldHaveSingleItem().Form["code_verifier"];
        verifier.ShouldNotBeNullOrEmpty();
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).ShouldBe(challenge);
        started.AuthorizationUrl.ToString().ShouldNotContain(verifier);
        App.Salesforce.RequestLog.ShouldNotContain(r => (r.Origin + r.Path + r.QueryString).Contains(verifier, StringComparison.Ordinal));
        App.Logs.Lines.ShouldNotBeEmpty();
        App.Logs.Lines.ShouldNotContain(line => line.Contains(verifier, StringComparison.Ordinal));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
