using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

/// <summary>
/// S4, S11 and S12 for every provider: the challenge is S256, and once a connection exists no table, log line (at Trace)
/// or audit record holds its tokens, the code, the state, the browser binding or the client secret.
/// </summary>
public sealed class EveryProviderSecretsTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S4_the_authorize_url_carries_an_s256_challenge(string provider)
    {
        var flow = ProviderFlows.For(App, provider);

        var started = await flow.StartAsync(Admin);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(started.AuthorizationUrl.Query);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        query["code_challenge"].ToString().ShouldMatch("^[A-Za-z0-9_-]{43}$");
        query.ShouldNotContainKey("code_verifier");
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S11_S12_no_table_log_line_or_audit_record_holds_a_secret_of_the_connect(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        var completed = await flow.CompleteAsync(callback, Admin);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        var (accessToken, refreshToken) = await StoredTokensAsync(completed.Value.ConnectionId!.Value);

        var secrets = new Dictionary<string, string?>
        {
            ["authorization code"] = callback.Code!.TrimEnd('='),
            ["state"] = callback.State,
            ["browser binding"] = callback.BrowserBinding,
            ["client secret"] = flow.ClientSecret,
            ["access token"] = accessToken,
            ["refresh token"] = refreshToken,
        };
        var lines = App.Logs.Lines;
        var cells = await DatabaseText.CellsAsync(App.Database);
        lines.ShouldContain(l => l.StartsWith("Trace ", StringComparison.Ordinal), "the app should have logged at Trace");
        cells.ShouldContain(c => c.Value.Contains("connection.authorized", StringComparison.Ordinal));
        foreach (var (name, secret) in secrets.Where(s => !string.IsNullOrEmpty(s.Value)))
        {
            lines.Where(l => l.Contains(secret!, StringComparison.Ordinal)).ShouldBeEmpty($"the {name} is in the logs");
            cells
                .Where(c => c.Value.Contains(secret!, StringComparison.Ordinal))
                .Select(c => $"{c.Table}.{c.Column}")
                .ShouldBeEmpty($"the {name} is in the database in clear");
        }
    }
}
