using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>"Verify now" and the background monitor: what they check, the statuses they move, when they look again.</summary>
public sealed class VerificationTests(ApplicationFixture app) : LifecycleTest(app)
{
    private static readonly TimeSpan VerifyEvery = TimeSpan.FromHours(6);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(5);

    private ConnectionMonitor Monitor => App.Services.GetRequiredService<ConnectionMonitor>();

    [Fact]
    public async Task Verify_now_on_a_healthy_connection_records_the_verification_and_schedules_the_next()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var now = App.Clock.GetUtcNow();

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Healthy.ShouldBeTrue();
        result.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        result.Value.Message.ShouldBe("Verified: the connection works and API access is enabled.");
        RestCalls.ShouldBe(1);
        var connection = await ConnectionAsync(id);
        connection.LastVerifiedAt!.Value.ShouldBe(now, Precision);
        connection.NextVerificationAt!.Value.ShouldBe(now + VerifyEvery, Precision);
        connection.VerificationFailureCount.ShouldBe(0);
        (await AuditEventsAsync("connection.verify_requested")).ShouldHaveSingleItem().ActorName.ShouldBe(TestUsers.DemoAdmin);
    }

    [Fact]
    public async Task A_member_without_configure_cannot_verify()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);

        var result = await App.SendAsync(new VerifyConnectionCommand(id), await App.UserAsync(TestUsers.DemoMember), TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        App.Salesforce.RequestLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_callers_and_other_tenants_cannot_verify()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        var otherAdmin = await App.CreateTenantAsync("other", "admin@other.test");
        var verifiedBefore = (await ConnectionAsync(id)).LastVerifiedAt;

        (await App.SendAsync(new VerifyConnectionCommand(id), null, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await App.SendAsync(new VerifyConnectionCommand(id), otherAdmin, "other")).Error!.Kind.ShouldBe(ErrorKind.NotFound);
        (await App.SendAsync(new VerifyConnectionCommand(id), otherAdmin, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.NotFound);

        App.Salesforce.RequestLog.ShouldBeEmpty();
        (await ConnectionAsync(id)).LastVerifiedAt.ShouldBe(verifiedBefore);
    }

    [Fact]
    public async Task Api_access_turned_off_after_connecting_is_found_and_turning_it_back_on_restores_the_status()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Demo.Acme.ApiEnabled = false;
        try
        {
            var disabled = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

            disabled.Value.Healthy.ShouldBeFalse();
            disabled.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
            disabled.Value.Message.ShouldContain("API Enabled");
            var stored = await ConnectionAsync(id);
            stored.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
            stored.LastErrorCode.ShouldBe("API_DISABLED_FOR_ORG");
            (await AuditEventsAsync("connection.status_changed"))
                .ShouldHaveSingleItem()
                .Reason.ShouldBe("PendingConfiguration -> ApiAccessDisabled");

            App.Salesforce.Demo.Acme.ApiEnabled = true;
            var restored = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

            restored.Value.Healthy.ShouldBeTrue();
            restored.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
            stored = await ConnectionAsync(id);
            stored.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
            stored.LastErrorCode.ShouldBeNull();
            RefreshCalls.ShouldBe(0);
        }
        finally
        {
            App.Salesforce.Demo.Acme.ApiEnabled = true;
        }
    }

    [Fact]
    public async Task A_completed_connection_whose_api_access_comes_back_is_active_again()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        (await App.SendAsync(new CompleteConfigurationCommand(id, null), platformAdmin)).Value.ShouldBe(ConnectionStatus.Active);
        App.Salesforce.Demo.Acme.ApiEnabled = false;
        try
        {
            (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Status.ShouldBe(
                ConnectionStatus.ApiAccessDisabled
            );
            App.Salesforce.Demo.Acme.ApiEnabled = true;

            var restored = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

            restored.Value.Status.ShouldBe(ConnectionStatus.Active);
            (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.Active);
        }
        finally
        {
            App.Salesforce.Demo.Acme.ApiEnabled = true;
        }
    }

    [Fact]
    public async Task Verify_on_a_revoked_connection_moves_it_to_needs_reauthorization()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.Value.Healthy.ShouldBeFalse();
        result.Value.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        RefreshCalls.ShouldBe(1);
        RestCalls.ShouldBe(1);
        (await AuditEventsAsync("connection.needs_reauthorization")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_monitor_verifies_only_connections_that_are_due_and_schedules_the_next_check()
    {
        var due = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var notDue = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        var notDueBefore = (await ConnectionAsync(notDue)).NextVerificationAt;
        await SetAsync(due, nameof(ProviderConnection.NextVerificationAt), App.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        var now = App.Clock.GetUtcNow();

        var verified = await Monitor.RunOnceAsync(CancellationToken.None);

        verified.ShouldBe(1);
        App.Salesforce.RequestLog.Where(r => r.Path == ProbePath)
            .ShouldHaveSingleItem()
            .Origin.ShouldBe(App.Salesforce.Demo.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority));
        var checkedOne = await ConnectionAsync(due);
        checkedOne.LastVerifiedAt!.Value.ShouldBe(now, Precision);
        checkedOne.NextVerificationAt!.Value.ShouldBe(now + VerifyEvery, Precision);
        checkedOne.VerificationLeaseOwner.ShouldBeNull();
        checkedOne.VerificationLeaseExpiresAt.ShouldBeNull();
        (await ConnectionAsync(notDue)).NextVerificationAt.ShouldBe(notDueBefore);

        (await Monitor.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
        RestCalls.ShouldBe(1);
    }

    [Fact]
    public async Task The_monitor_backs_off_from_a_failing_connection_and_recovers_when_it_works_again()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await SetAsync(id, nameof(ProviderConnection.NextVerificationAt), App.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        App.Salesforce.Demo.Acme.ApiEnabled = false;
        try
        {
            var delays = new List<TimeSpan>();
            for (var round = 1; round <= 3; round++)
            {
                var now = App.Clock.GetUtcNow();
                (await Monitor.RunOnceAsync(CancellationToken.None)).ShouldBe(1);
                var connection = await ConnectionAsync(id);
                connection.VerificationFailureCount.ShouldBe(round);
                connection.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
                var delay = connection.NextVerificationAt!.Value - now;
                delays.Add(delay);

                // Not due yet: nothing happens until the delay has passed.
                (await Monitor.RunOnceAsync(CancellationToken.None)).ShouldBe(0);
                App.Clock.Advance(delay + TimeSpan.FromSeconds(1));
            }

            delays[0].ShouldBe(FirstRetry, Precision);
            delays[1].ShouldBe(FirstRetry * 2, Precision);
            delays[2].ShouldBe(FirstRetry * 4, Precision);
            RestCalls.ShouldBe(3);

            App.Salesforce.Demo.Acme.ApiEnabled = true;
            var recoveredAt = App.Clock.GetUtcNow();
            (await Monitor.RunOnceAsync(CancellationToken.None)).ShouldBe(1);

            var recovered = await ConnectionAsync(id);
            recovered.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
            recovered.VerificationFailureCount.ShouldBe(0);
            recovered.NextVerificationAt!.Value.ShouldBe(recoveredAt + VerifyEvery, Precision);
        }
        finally
        {
            App.Salesforce.Demo.Acme.ApiEnabled = true;
        }
    }

    [Fact]
    public async Task The_monitor_leaves_suspended_disconnected_and_reauthorization_cases_alone()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeFalse();
        await SetAsync(id, nameof(ProviderConnection.NextVerificationAt), App.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        App.Salesforce.RequestLog.Clear();

        (await Monitor.RunOnceAsync(CancellationToken.None)).ShouldBe(0);

        App.Salesforce.RequestLog.ShouldBeEmpty();
    }
}
