using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>S11-S13: tokens and the flow's secrets are nowhere in clear, and a ciphertext is good only in its own row.</summary>
public sealed class SecretsTests(ApplicationFixture app) : ConnectionsTest(app)
{
    private const string RefreshTokenPrefix = "5Aep861";

    [Fact]
    public async Task S11_no_value_of_any_table_holds_the_access_or_refresh_token()
    {
        var (accessToken, refreshToken) = await ConnectAndReadTokensAsync();

        var cells = await DatabaseText.CellsAsync(App.Database);

        cells.ShouldContain(c => c.Table == "ProviderConnections" && c.Column == nameof(ProviderConnection.AccessTokenCiphertext));
        cells.ShouldContain(c => c.Table == "PendingAuthorizations");
        cells.ShouldContain(c => c.Table == "AuditEvents");
        cells
            .Where(c =>
                c.Value.Contains(accessToken, StringComparison.Ordinal)
                || c.Value.Contains(refreshToken, StringComparison.Ordinal)
                || c.Value.Contains(RefreshTokenPrefix, StringComparison.Ordinal)
                || AccessTokenShape().IsMatch(c.Value)
            )
            .Select(c => $"{c.Table}.{c.Column}")
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task S11_the_sqlite_file_holds_neither_the_access_nor_the_refresh_token()
    {
        Assert.SkipWhen(App.Database.IsPostgres, "The SQLite file exists only when the tests run on SQLite.");
        var (accessToken, refreshToken) = await ConnectAndReadTokensAsync();

        var file = DatabaseText.SqliteFile(App.Database);

        file.ShouldContain("ProviderConnections");
        file.ShouldNotContain(accessToken);
        file.ShouldNotContain(refreshToken);
        file.ShouldNotContain(RefreshTokenPrefix);
        AccessTokenShape().IsMatch(file).ShouldBeFalse();
    }

    [Fact]
    public async Task S11_a_postgresql_dump_holds_neither_the_access_nor_the_refresh_token()
    {
        Assert.SkipUnless(App.Database.IsPostgres, "The dump is of the PostgreSQL database; this run uses SQLite.");
        var (accessToken, refreshToken) = await ConnectAndReadTokensAsync();

        var dump = await DatabaseText.PostgresDumpAsync(App.Database);

        dump.ShouldContain("\"ProviderConnections\"");
        dump.ShouldNotContain(accessToken);
        dump.ShouldNotContain(refreshToken);
        dump.ShouldNotContain(RefreshTokenPrefix);
        AccessTokenShape().IsMatch(dump).ShouldBeFalse();
    }

    [Fact]
    public async Task S12_at_trace_no_log_line_or_audit_record_of_a_full_connect_holds_a_code_state_verifier_secret_or_token()
    {
        var started = await Flow.StartAsync(Admin);
        var callback = await Flow.AtSalesforceAsync(started, Salesforce.Admin);
        var completed = await Flow.CompleteAsync(callback, Admin);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        var (accessToken, refreshToken) = await StoredTokensAsync(completed.Value.ConnectionId!.Value);

        var secrets = new Dictionary<string, string>
        {
            // Codes end in "==", which a logged URL would carry as %3D%3D.
            ["authorization code"] = callback.Code!.TrimEnd('='),
            ["state"] = callback.State,
            ["browser binding"] = callback.BrowserBinding,
            ["code verifier"] = TokenRequests.ShouldHaveSingleItem().Form["code_verifier"],
            ["client secret"] = DemoData.ClientSecret,
            ["access token"] = accessToken,
            ["refresh token"] = refreshToken!,
        };
        var lines = App.Logs.Lines;
        var audit = (await DatabaseText.CellsAsync(App.Database, "AuditEvents")).Select(c => c.Value).ToList();
        lines.ShouldContain(l => l.StartsWith("Trace ", StringComparison.Ordinal), "the app should have logged at Trace");
        lines.ShouldContain(
            l => l.Contains("Salesforce token call", StringComparison.Ordinal),
            "the adapter's log lines should have been captured"
        );
        audit.ShouldContain("connection.authorized");
        foreach (var (name, secret) in secrets)
        {
            lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"the {name} is in the logs");
            audit.Where(v => v.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"the {name} is in an audit record");
        }

        lines
            .Where(l => AccessTokenShape().IsMatch(l) || l.Contains(RefreshTokenPrefix, StringComparison.Ordinal))
            .ShouldBeEmpty("a token is in the logs");
        audit
            .Where(v => AccessTokenShape().IsMatch(v) || v.Contains(RefreshTokenPrefix, StringComparison.Ordinal))
            .ShouldBeEmpty("a token is in an audit record");
    }

    [Fact]
    public async Task S13_an_access_token_ciphertext_copied_to_another_tenants_connection_does_not_decrypt_there()
    {
        var demoConnection = await ConnectAsync(Salesforce.Admin);
        var otherAdmin = await CreateOtherTenantAsync();
        var otherConnection = await ConnectAsync(Salesforce.SandboxAdmin, "Sandbox", otherAdmin, OtherTenant);
        var (accessToken, _) = await StoredTokensAsync(demoConnection);
        var copied = (await ConnectionAsync(demoConnection)).AccessTokenCiphertext!;

        await SetAccessTokenCiphertextAsync(otherConnection, copied, OtherTenant);

        var protector = App.Services.GetRequiredService<ISecretProtector>();
        var row = await ConnectionAsync(otherConnection);
        row.AccessTokenCiphertext.ShouldBe(copied);
        protector.Unprotect(row.AccessTokenCiphertext!, SecretBinding.AccessToken(row.TenantId, otherConnection)).ShouldBeNull();
        protector
            .Unprotect(copied, SecretBinding.AccessToken(await TenantIdAsync(TestUsers.DemoTenant), demoConnection))
            .ShouldBe(accessToken);
    }

    [Fact]
    public async Task S13_an_access_token_ciphertext_copied_to_another_connection_of_the_same_tenant_does_not_decrypt_there()
    {
        var acme = await ConnectAsync(Salesforce.Admin);
        var sandbox = await ConnectAsync(Salesforce.SandboxAdmin, "Sandbox");
        var (accessToken, _) = await StoredTokensAsync(acme);
        var copied = (await ConnectionAsync(acme)).AccessTokenCiphertext!;

        await SetAccessTokenCiphertextAsync(sandbox, copied, TestUsers.DemoTenant);

        var protector = App.Services.GetRequiredService<ISecretProtector>();
        var tenantId = await TenantIdAsync(TestUsers.DemoTenant);
        protector
            .Unprotect((await ConnectionAsync(sandbox)).AccessTokenCiphertext!, SecretBinding.AccessToken(tenantId, sandbox))
            .ShouldBeNull();
        protector.Unprotect(copied, SecretBinding.RefreshToken(tenantId, acme)).ShouldBeNull();
        protector.Unprotect(copied, SecretBinding.AccessToken(tenantId, acme)).ShouldBe(accessToken);
    }

    private async Task<(string AccessToken, string RefreshToken)> ConnectAndReadTokensAsync()
    {
        var id = await ConnectAsync(Salesforce.Admin);
        var (accessToken, refreshToken) = await StoredTokensAsync(id);

        // Make sure the search below looks for real, live tokens of Salesforce's shape.
        AccessTokenShape().IsMatch(accessToken).ShouldBeTrue();
        refreshToken.ShouldNotBeNull().ShouldStartWith(RefreshTokenPrefix);
        App.Salesforce.IsTokenActive(accessToken).ShouldBeTrue();
        return (accessToken, refreshToken);
    }

    /// <summary>What someone with write access to the database could do: put another row's ciphertext in this one.</summary>
    private async Task SetAccessTokenCiphertextAsync(Guid connectionId, string ciphertext, string tenant)
    {
        await using var scope = await App.EnterAsync(null, tenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = await db.ProviderConnections.SingleAsync(c => c.Id == connectionId);
        db.Entry(connection).Property(nameof(ProviderConnection.AccessTokenCiphertext)).CurrentValue = ciphertext;
        await db.SaveChangesAsync();
    }
}
