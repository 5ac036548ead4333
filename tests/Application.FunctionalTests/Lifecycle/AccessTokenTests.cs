using System.Net;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>IConnectionAccessTokens: a fresh token as it is, a stale one refreshed once, whoever asks and however many.</summary>
public sealed class AccessTokenTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task A_token_just_obtained_by_connecting_is_handed_out_without_a_refresh()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var stored = await StoredTokensAsync(id);

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        token.Value.AccessToken.ShouldBe(stored.AccessToken);
        RefreshCalls.ShouldBe(0);
        (await ConnectionAsync(id)).AccessTokenIssuedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_fresh_token_is_handed_out_as_stored_without_a_token_call()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var stored = await StoredTokensAsync(id);

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        token.Value.AccessToken.ShouldBe(stored.AccessToken);
        token.Value.InstanceUrl.ShouldBe(new Uri(App.Salesforce.Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority)));
        RefreshCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_stale_token_is_refreshed_with_one_token_call_and_the_new_one_is_stored()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var before = await StoredTokensAsync(id);
        await AgeAccessTokenAsync(id);

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        RefreshCalls.ShouldBe(1);
        token.Value.AccessToken.ShouldNotBe(before.AccessToken);
        var after = await StoredTokensAsync(id);
        after.AccessToken.ShouldBe(token.Value.AccessToken);
        after.RefreshToken.ShouldBe(before.RefreshToken);
        App.Salesforce.IsTokenActive(token.Value.AccessToken).ShouldBeTrue();
        var connection = await ConnectionAsync(id);
        connection.AccessTokenIssuedAt!.Value.ShouldBe(App.Clock.GetUtcNow(), Precision);
        connection.LastRefreshedAt!.Value.ShouldBe(App.Clock.GetUtcNow(), Precision);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        (await AuditEventsAsync("connection.token_refreshed")).ShouldHaveSingleItem().Target.ShouldBe($"connection:{id}");

        var again = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        again.Value.AccessToken.ShouldBe(token.Value.AccessToken);
        RefreshCalls.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_endpoint_outage_during_a_refresh_fails_the_call_but_does_not_end_the_connection()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await AgeAccessTokenAsync(id);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.ServerError(), times: 1);

        var failed = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        failed.IsSuccess.ShouldBeFalse();
        failed.Error!.Code.ShouldNotBe("needs_reauthorization");
        RefreshCalls.ShouldBe(1);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);

        var recovered = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        recovered.IsSuccess.ShouldBeTrue(recovered.Error?.Message);
        RefreshCalls.ShouldBe(2);
        (await AuditEventsAsync("connection.needs_reauthorization")).ShouldBeEmpty();
    }

    [Fact]
    public async Task R1_fifty_concurrent_callers_on_a_stale_token_cause_one_refresh_and_all_get_the_same_token()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var before = await StoredTokensAsync(id);
        await AgeAccessTokenAsync(id);

        var results = await Task.WhenAll(
            Enumerable.Range(0, 50).Select(_ => Task.Run(() => Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)))
        );

        results.ShouldAllBe(r => r.IsSuccess);
        var tokens = results.Select(r => r.Value.AccessToken).Distinct().ToList();
        tokens.ShouldHaveSingleItem().ShouldNotBe(before.AccessToken);
        RefreshCalls.ShouldBe(1);
        (await StoredTokensAsync(id)).AccessToken.ShouldBe(tokens[0]);
        (await AuditEventsAsync("connection.token_refreshed")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_call_after_another_has_returned_reads_the_row_again_and_sees_a_suspension()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        await SetAsync(id, nameof(ProviderConnection.Status), ConnectionStatus.Suspended);
        var after = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        after.IsSuccess.ShouldBeFalse();
        after.Error!.Code.ShouldBe("connection_suspended");
    }

    [Fact]
    public async Task R1_a_caller_that_stops_waiting_does_not_cancel_the_refresh_the_others_receive_in_memory()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var before = await StoredTokensAsync(id);
        await AgeAccessTokenAsync(id);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.Delay(TimeSpan.FromSeconds(2)), times: 1);
        using var impatient = new CancellationTokenSource();

        var first = Task.Run(() => Tokens.GetAsync(DemoTenantId, id, impatient.Token));
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var others = Enumerable
            .Range(0, 20)
            .Select(_ => Task.Run(() => Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)))
            .ToList();
        await impatient.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(first);
        var results = await Task.WhenAll(others);
        results.ShouldAllBe(r => r.IsSuccess);
        var token = results.Select(r => r.Value.AccessToken).Distinct().ShouldHaveSingleItem();
        token.ShouldNotBe(before.AccessToken);
        RefreshCalls.ShouldBe(1);
        (await StoredTokensAsync(id)).AccessToken.ShouldBe(token);
    }

    [Fact]
    public async Task R1_with_rotation_on_the_rotated_refresh_token_is_stored_and_used_next_while_the_old_one_is_dead()
    {
        App.Salesforce.Demo.App.RotateRefreshTokens = true;
        try
        {
            var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
            var original = (await StoredTokensAsync(id)).RefreshToken!;
            await AgeAccessTokenAsync(id);

            var results = await Task.WhenAll(
                Enumerable.Range(0, 20).Select(_ => Task.Run(() => Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)))
            );

            results.ShouldAllBe(r => r.IsSuccess);
            RefreshCalls.ShouldBe(1);
            var rotated = (await StoredTokensAsync(id)).RefreshToken!;
            rotated.ShouldNotBe(original);
            App.Salesforce.IsTokenActive(rotated).ShouldBeTrue();
            App.Salesforce.IsTokenActive(original).ShouldBeFalse();
            DataOf((await AuditEventsAsync("connection.token_refreshed")).ShouldHaveSingleItem())["refresh_token_rotated"].ShouldBe("True");

            await AgeAccessTokenAsync(id);
            var second = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

            second.IsSuccess.ShouldBeTrue(second.Error?.Message);
            RefreshCalls.ShouldBe(2);
            var refreshes = App.Salesforce.RequestLog.Where(r => r.Path == TokenPath && r.GrantType == "refresh_token").ToList();
            refreshes.Select(r => r.Form["refresh_token"]).ShouldBe([original, rotated]);
            refreshes.ShouldAllBe(r => r.StatusCode == 200);
            (await StoredTokensAsync(id)).RefreshToken.ShouldNotBe(rotated);
            (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);

            using var replay = await RefreshAtEmulatorAsync(original);
            replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await replay.Content.ReadAsStringAsync()).ShouldContain("invalid_grant");
        }
        finally
        {
            App.Salesforce.Demo.App.RotateRefreshTokens = false;
        }
    }
}
