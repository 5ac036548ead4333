using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Connections.Revocations;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// A grant Natero lets go is queued in the callback's own transaction and revoked after the commit by the revocation
/// worker: off the person's way, tried again when the provider does not answer, and on record either way.
/// </summary>
public sealed class GrantRevocationTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task A_reauthorization_queues_the_replaced_grant_encrypted_and_the_worker_revokes_it_once()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var (replacedAccess, replaced) = await StoredTokensAsync(id);

        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Connected.ShouldBeTrue();

        var queued = (await RevocationsAsync()).ShouldHaveSingleItem();
        queued.ConnectionId.ShouldBe(id);
        queued.TenantId.ShouldBe(DemoTenantId);
        queued.Provider.ShouldBe("salesforce");
        queued.RefreshTokenCiphertext.ShouldNotBeNull().ShouldNotContain(replaced!);
        queued.AccessTokenCiphertext.ShouldNotBeNull().ShouldNotContain(replacedAccess!);
        RevokeCalls.ShouldBe(0, "the callback does not wait on the provider's revoke");
        App.Salesforce.IsTokenActive(replaced!).ShouldBeTrue();

        // Two rounds at once, as two instances would run them: the lease lets one of them revoke.
        await Task.WhenAll(RevokeLetGoGrantsAsync(), RevokeLetGoGrantsAsync());

        RevokeCalls.ShouldBe(1);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeFalse();
        (await RevocationsAsync()).ShouldBeEmpty();
        var revoked = (await AuditEventsAsync(GrantRevoker.Action)).ShouldHaveSingleItem();
        revoked.Outcome.ShouldBe(AuditOutcome.Success);
        revoked.Target.ShouldBe($"connection:{id}");
        DataOf(revoked)["attempts"].ShouldBe("1");
        (revoked.Data ?? string.Empty).ShouldNotContain(replaced!);
        (await RevokeLetGoGrantsAsync()).ShouldBe(0);
        RevokeCalls.ShouldBe(1);
    }

    [Fact]
    public async Task A_revocation_the_provider_does_not_confirm_is_tried_again_later_with_a_growing_wait()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Connected.ShouldBeTrue();
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.ServerError(503), times: 2);

        await RevokeLetGoGrantsAsync();

        var waiting = (await RevocationsAsync()).ShouldHaveSingleItem();
        waiting.Attempts.ShouldBe(1);
        waiting.LastError.ShouldNotBeNullOrWhiteSpace();
        waiting.NextAttemptAt.ShouldBe(App.Clock.GetUtcNow() + GrantRevocation.FirstRetryDelay, Precision);
        (await AuditEventsAsync(GrantRevoker.Action)).ShouldBeEmpty("a failed attempt that will be tried again is logged, not audited");
        (await RevokeLetGoGrantsAsync()).ShouldBe(0, "not due yet");

        App.Clock.Advance(GrantRevocation.FirstRetryDelay);
        await RevokeLetGoGrantsAsync();
        (await RevocationsAsync())
            .ShouldHaveSingleItem()
            .NextAttemptAt.ShouldBe(App.Clock.GetUtcNow() + 2 * GrantRevocation.FirstRetryDelay, Precision);

        App.Clock.Advance(2 * GrantRevocation.FirstRetryDelay);
        await RevokeLetGoGrantsAsync();

        RevokeCalls.ShouldBe(3);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeFalse();
        (await RevocationsAsync()).ShouldBeEmpty();
        var revoked = (await AuditEventsAsync(GrantRevoker.Action)).ShouldHaveSingleItem();
        revoked.Outcome.ShouldBe(AuditOutcome.Success);
        DataOf(revoked)["attempts"].ShouldBe("3");
    }

    [Fact]
    public async Task After_the_last_attempt_Natero_gives_up_and_the_failure_is_on_record()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Connected.ShouldBeTrue();
        await App.QueryDbAsync(db =>
            db.GrantRevocations.IgnoreQueryFilters()
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.Attempts, GrantRevocation.MaxAttempts - 1))
        );
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.ServerError(500));

        await RevokeLetGoGrantsAsync();

        (await RevocationsAsync()).ShouldBeEmpty();
        App.Salesforce.IsTokenActive(replaced!).ShouldBeTrue();
        var failed = (await AuditEventsAsync(GrantRevoker.Action)).ShouldHaveSingleItem();
        failed.Outcome.ShouldBe(AuditOutcome.Failure);
        failed.Target.ShouldBe($"connection:{id}");
        failed.Reason.ShouldNotBeNull().ShouldContain($"after {GrantRevocation.MaxAttempts} attempts");
        failed.Reason.ShouldContain("by hand");
        DataOf(failed)["attempts"].ShouldBe(GrantRevocation.MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_worker_that_stops_mid_attempt_leaves_the_revocation_leased_then_due_again()
    {
        var id = await ConnectAsync(App.Salesforce.Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.Connected.ShouldBeTrue();

        // A lease taken by an instance that then died: nothing happens until it expires.
        var leasedUntil = App.Clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        await App.QueryDbAsync(db =>
            db.GrantRevocations.IgnoreQueryFilters().ExecuteUpdateAsync(set => set.SetProperty(r => r.NextAttemptAt, leasedUntil))
        );
        (await RevokeLetGoGrantsAsync()).ShouldBe(0);
        App.Salesforce.IsTokenActive(replaced!).ShouldBeTrue();

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        (await RevokeLetGoGrantsAsync()).ShouldBe(1);

        App.Salesforce.IsTokenActive(replaced!).ShouldBeFalse();
        (await RevocationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Revocations:PollInterval")]
    [InlineData("Revocations:LeaseDuration")]
    public void A_zero_interval_is_refused_naming_the_setting(string key)
    {
        App.Services.GetRequiredService<IOptions<RevocationOptions>>().Value.WorkerEnabled.ShouldBeFalse("tests drive the worker");
        new RevocationOptions().WorkerEnabled.ShouldBeTrue();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(App.Services.GetRequiredService<IConfiguration>())
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = "00:00:00" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging();
        services.AddNateroCore(configuration);
        using var provider = services.BuildServiceProvider();

        Should
            .Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RevocationOptions>>().Value)
            .Message.ShouldContain("Revocations:PollInterval and Revocations:LeaseDuration must be longer than zero.");
    }

    private Task<List<GrantRevocation>> RevocationsAsync() =>
        App.QueryDbAsync(db => db.GrantRevocations.IgnoreQueryFilters().AsNoTracking().ToListAsync());
}
