using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Salesforce;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>S13: tokens copied from one connection's row onto another's do not decrypt there and are never sent.</summary>
public sealed class CopiedCiphertextTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task S13_tokens_copied_from_another_connection_fail_to_decrypt_and_the_connection_stops_without_using_them()
    {
        var acme = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var sandbox = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        var source = await ConnectionAsync(acme);
        await SetAsync(sandbox, nameof(ProviderConnection.AccessTokenCiphertext), source.AccessTokenCiphertext);
        await SetAsync(sandbox, nameof(ProviderConnection.RefreshTokenCiphertext), source.RefreshTokenCiphertext);
        App.Salesforce.RequestLog.Clear();

        var result = await Tokens.GetAsync(DemoTenantId, sandbox, CancellationToken.None);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("needs_reauthorization");
        result.Error.Message.ShouldContain("cannot read this connection's stored credentials");
        App.Salesforce.RequestLog.ShouldBeEmpty();
        var stopped = await ConnectionAsync(sandbox);
        stopped.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        stopped.LastErrorCode.ShouldBe("credentials_unreadable");
        var audit = (await AuditEventsAsync("connection.needs_reauthorization")).ShouldHaveSingleItem();
        audit.Target.ShouldBe($"connection:{sandbox}");
        audit.Outcome.ShouldBe(AuditOutcome.Failure);

        var api = await App
            .Services.GetRequiredService<ISalesforceApi>()
            .SendAsync(
                DemoTenantId,
                sandbox,
                instance => new HttpRequestMessage(HttpMethod.Get, new Uri(instance, "services/data/v62.0/")),
                CancellationToken.None
            );

        api.IsSuccess.ShouldBeFalse();
        App.Salesforce.RequestLog.ShouldBeEmpty();

        var original = await Tokens.GetAsync(DemoTenantId, acme, CancellationToken.None);

        original.IsSuccess.ShouldBeTrue(original.Error?.Message);
        original.Value.AccessToken.ShouldBe((await StoredTokensAsync(acme)).AccessToken);
        (await ConnectionAsync(acme)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task S13_a_stale_row_with_a_copied_refresh_token_is_never_refreshed_with_it()
    {
        var acme = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var sandbox = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        await SetAsync(sandbox, nameof(ProviderConnection.RefreshTokenCiphertext), (await ConnectionAsync(acme)).RefreshTokenCiphertext);
        await AgeAccessTokenAsync(sandbox);

        var result = await Tokens.GetAsync(DemoTenantId, sandbox, CancellationToken.None);

        result.Error!.Code.ShouldBe("needs_reauthorization");
        RefreshCalls.ShouldBe(0);
        (await ConnectionAsync(sandbox)).Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        (await Tokens.GetAsync(DemoTenantId, acme, CancellationToken.None)).IsSuccess.ShouldBeTrue();
    }
}
