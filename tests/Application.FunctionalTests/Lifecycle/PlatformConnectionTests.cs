using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>Natero staff on every tenant's connections: PlatformAdmin acts, PlatformAuditor only looks, tenant admins neither.</summary>
public sealed class PlatformConnectionTests(ApplicationFixture app) : LifecycleTest(app)
{
    private Actor _platformAdmin = null!;
    private Actor _auditor = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);
    }

    [Fact]
    public async Task Platform_admin_completes_the_configuration_with_a_note()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);

        var result = await App.SendAsync(new CompleteConfigurationCommand(id, "  Mapped accounts and contacts.  "), _platformAdmin);

        result.Value.ShouldBe(ConnectionStatus.Active);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.ConfigurationNote.ShouldBe("Mapped accounts and contacts.");
        connection.ConfigurationCompletedByUserId.ShouldBe(_platformAdmin.UserId);
        connection.ConfigurationCompletedAt!.Value.ShouldBe(App.Clock.GetUtcNow(), Precision);
        var audit = (await AuditEventsAsync("connection.configuration_completed")).ShouldHaveSingleItem();
        audit.TenantId.ShouldBe(DemoTenantId);
        audit.Reason!.ShouldContain("Mapped accounts and contacts.");

        var twice = await App.SendAsync(new CompleteConfigurationCommand(id, null), _platformAdmin);

        twice.Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task Auditors_and_tenant_admins_cannot_complete_suspend_or_resume()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var suspended = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        (await App.SendAsync(new SuspendConnectionCommand(suspended, null), _platformAdmin)).IsSuccess.ShouldBeTrue();

        foreach (var (actor, tenant) in new[] { (_auditor, (string?)null), (Admin, TestUsers.DemoTenant), (Admin, null) })
        {
            (await App.SendAsync(new CompleteConfigurationCommand(id, "no"), actor, tenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
            (await App.SendAsync(new SuspendConnectionCommand(id, "no"), actor, tenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
            (await App.SendAsync(new ResumeConnectionCommand(suspended), actor, tenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        }

        (await App.SendAsync(new CompleteConfigurationCommand(id, "no"), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        (await ConnectionAsync(id)).ConfigurationNote.ShouldBeNull();
        (await ConnectionAsync(suspended)).Status.ShouldBe(ConnectionStatus.Suspended);
        // Every refusal is on record as denied (U1); the only success is the platform admin's suspension.
        var completed = await AuditEventsAsync("connection.configuration_completed");
        completed.Count.ShouldBe(4);
        completed.ShouldAllBe(e => e.Outcome == AuditOutcome.Denied);
        (await AuditEventsAsync("connection.resumed")).ShouldAllBe(e => e.Outcome == AuditOutcome.Denied);
        (await AuditEventsAsync("connection.suspended")).Count(e => e.Outcome == AuditOutcome.Success).ShouldBe(1);
    }

    [Fact]
    public async Task A_suspended_connection_hands_out_no_token_and_resume_puts_back_the_status_it_had()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new CompleteConfigurationCommand(id, null), _platformAdmin)).IsSuccess.ShouldBeTrue();

        var suspend = await App.SendAsync(new SuspendConnectionCommand(id, "Unpaid invoice"), _platformAdmin);

        suspend.Value.ShouldBe(ConnectionStatus.Suspended);
        (await AuditEventsAsync("connection.suspended")).ShouldHaveSingleItem().Reason.ShouldBe("Unpaid invoice");
        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);
        token.Error!.Code.ShouldBe("connection_suspended");
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).Error!.Code.ShouldBe("connection_suspended");
        RefreshCalls.ShouldBe(0);
        App.Salesforce.RequestLog.ShouldBeEmpty();

        var resume = await App.SendAsync(new ResumeConnectionCommand(id), _platformAdmin);

        resume.Value.ShouldBe(ConnectionStatus.Active);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.SuspendedAt.ShouldBeNull();
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        RefreshCalls.ShouldBe(1);
        (await App.SendAsync(new ResumeConnectionCommand(id), _platformAdmin)).Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task Resume_returns_a_connection_to_needs_reauthorization_when_that_is_where_it_was()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeFalse();
        (await App.SendAsync(new SuspendConnectionCommand(id, null), _platformAdmin)).IsSuccess.ShouldBeTrue();

        var resume = await App.SendAsync(new ResumeConnectionCommand(id), _platformAdmin);

        resume.Value.ShouldBe(ConnectionStatus.NeedsReauthorization);
    }

    [Fact]
    public async Task Platform_staff_list_every_tenants_connections_and_filter_them()
    {
        var acme = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new CompleteConfigurationCommand(acme, null), _platformAdmin)).IsSuccess.ShouldBeTrue();
        var otherAdmin = await App.CreateTenantAsync("other", "admin@other.test", "Other");
        var started = await Flow.StartAsync(otherAdmin, "Sandbox", tenant: "other");
        var completed = await Flow.CompleteAsync(await Flow.AtSalesforceAsync(started, App.Salesforce.Demo.SandboxAdmin), otherAdmin);
        var other = completed.Value.ConnectionId!.Value;

        foreach (var staff in new[] { _platformAdmin, _auditor })
        {
            var all = (await App.SendAsync(new ListPlatformConnectionsQuery(), staff)).Value;
            all.Select(r => (r.TenantSlug, r.Connection.Id)).ShouldBe([("demo", acme), ("other", other)], ignoreOrder: true);

            var active = (await App.SendAsync(new ListPlatformConnectionsQuery(Status: ConnectionStatus.Active), staff)).Value;
            active.ShouldHaveSingleItem().Connection.Id.ShouldBe(acme);

            var pending = (
                await App.SendAsync(new ListPlatformConnectionsQuery(Status: ConnectionStatus.PendingConfiguration), staff)
            ).Value;
            pending.ShouldHaveSingleItem().Connection.Id.ShouldBe(other);

            var ofOther = (await App.SendAsync(new ListPlatformConnectionsQuery(TenantSlug: " OTHER "), staff)).Value;
            ofOther.ShouldHaveSingleItem().TenantName.ShouldBe("Other");

            (await App.SendAsync(new ListPlatformConnectionsQuery(ConnectionStatus.Active, "other"), staff)).Value.ShouldBeEmpty();
            (await App.SendAsync(new ListPlatformConnectionsQuery(Provider: "hubspot"), staff)).Value.ShouldBeEmpty();
            (await App.SendAsync(new ListPlatformConnectionsQuery(Provider: "salesforce"), staff)).Value.Count.ShouldBe(2);
        }

        (await App.SendAsync(new ListPlatformConnectionsQuery(), Admin, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.SendAsync(new ListPlatformConnectionsQuery(), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
    }

    [Fact]
    public async Task Platform_admin_acts_on_another_tenants_connection_which_then_stays_in_that_tenant()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        await App.CreateTenantAsync("other", "admin@other.test", "Other");

        // The platform admin works from another tenant's context; the connection must still be saved in its own.
        var result = await App.SendAsync(new CompleteConfigurationCommand(id, "done"), _platformAdmin, "other");

        result.Value.ShouldBe(ConnectionStatus.Active);
        var connection = await ConnectionAsync(id);
        connection.TenantId.ShouldBe(DemoTenantId);
        (await AuditEventsAsync("connection.configuration_completed")).ShouldHaveSingleItem().TenantId.ShouldBe(DemoTenantId);
    }
}
