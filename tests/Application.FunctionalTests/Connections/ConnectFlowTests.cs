using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>The ways a connect ends, as the admin who clicked Authorize provider sees them.</summary>
public sealed class ConnectFlowTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Fact]
    public async Task Deny_at_salesforce_consumes_the_attempt_without_a_token_call_and_says_deny_was_chosen()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin, ConsentDecision.Deny);
        callback.Error.ShouldBe("access_denied");

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe("You chose Deny on the Salesforce page, so nothing was connected.");
        completed.Value.ConnectionId.ShouldBeNull();
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        var attempt = (await AttemptsAsync()).ShouldHaveSingleItem();
        attempt.ConsumedAt.ShouldNotBeNull();
        attempt.Outcome.ShouldBe(AuthorizationOutcome.Denied);
        var audit = (await AuditEventsAsync("connection.authorization_failed")).ShouldHaveSingleItem();
        audit.Outcome.ShouldBe(AuditOutcome.Denied);
        audit.Reason.ShouldBe(completed.Value.Message);
    }

    [Fact]
    public async Task An_org_without_api_access_is_connected_as_api_access_disabled_with_the_steps_to_fix_it()
    {
        var completed = await Flow.ConnectAsync(Admin, Salesforce.GlobexAdmin);

        completed.Value.Connected.ShouldBeTrue();
        completed.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.ExternalOrgId.ShouldBe(Salesforce.Globex.Id);
        connection.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        connection.LastErrorCode.ShouldBe("API_DISABLED_FOR_ORG");
        foreach (var message in new[] { completed.Value.Message, connection.LastErrorMessage! })
        {
            message.ShouldContain("API Enabled");
            message.ShouldContain("Profile");
            message.ShouldContain("Permission Set");
        }
    }

    [Fact]
    public async Task A_user_without_api_enabled_is_connected_as_api_access_disabled_with_the_steps_to_fix_it()
    {
        var completed = await Flow.ConnectAsync(Admin, Salesforce.NoApiUser);

        completed.Value.Connected.ShouldBeTrue();
        completed.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        completed.Value.Message.ShouldStartWith($"Authorized {Salesforce.NoApiUser.Username}, but ");
        completed.Value.Message.ShouldContain("API Enabled");
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        connection.LastErrorCode.ShouldBe("API_CURRENTLY_DISABLED");
        connection.Username.ShouldBe(Salesforce.NoApiUser.Username);
    }

    [Fact]
    public async Task An_api_check_that_fails_unexpectedly_still_connects_and_keeps_the_error_to_check_again()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        // On every attempt: a single 500 would be retried away (GETs are retried twice).
        App.Salesforce.Faults.Inject(
            EmulatorEndpoint.Rest,
            Fault.RestError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred."),
            times: null
        );

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.LastErrorCode.ShouldBe("UNKNOWN_EXCEPTION");
        connection.LastErrorMessage.ShouldBe(
            "Natero could not confirm API access yet (HTTP 500: An unexpected error occurred.). It will check again."
        );
        connection.HasTokens.ShouldBeTrue();
    }

    [Fact]
    public async Task A_long_error_from_the_api_check_is_clipped_and_the_connection_is_still_stored()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Rest, Fault.RestError(500, "UNKNOWN_EXCEPTION", new string('x', 2100)), times: null);

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.LastErrorCode.ShouldBe("UNKNOWN_EXCEPTION");
        connection.LastErrorMessage!.ShouldStartWith("Natero could not confirm API access yet (HTTP 500: xxx");
        connection.LastErrorMessage!.Length.ShouldBeLessThanOrEqualTo(2000);
    }

    [Fact]
    public async Task A_callback_for_a_tenant_suspended_since_the_attempt_began_connects_nothing()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await db.Tenants.SingleAsync(t => t.Slug == TestUsers.DemoTenant)).Suspend();
            await db.SaveChangesAsync();
        }

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe("This tenant is suspended. Contact Natero support.");
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(AuthorizationOutcome.Failed);
    }

    [Fact]
    public async Task A_sandbox_org_is_connected_through_the_sandbox_login_host()
    {
        var completed = await Flow.ConnectAsync(Admin, Salesforce.SandboxAdmin, "Sandbox");

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Environment.ShouldBe("Sandbox");
        connection.ExternalOrgId.ShouldBe(Salesforce.AcmeSandbox.Id);
        var token = TokenRequests.ShouldHaveSingleItem();
        token.HostKind.ShouldBe(EmulatorHostKind.SandboxLogin);
        token.Origin.ShouldBe(App.Salesforce.SandboxLoginUrl.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task An_org_is_connected_through_its_my_domain()
    {
        var myDomain = Salesforce.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority);

        var completed = await Flow.ConnectAsync(Admin, Salesforce.Admin, "MyDomain", myDomain);

        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        completed.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Environment.ShouldBe("MyDomain");
        connection.SignInHost.ShouldBe(myDomain);
        var token = TokenRequests.ShouldHaveSingleItem();
        token.HostKind.ShouldBe(EmulatorHostKind.MyDomain);
        token.Origin.ShouldBe(myDomain);
    }

    [Fact]
    public async Task A_my_domain_off_salesforce_is_refused_on_its_field_and_nothing_is_stored()
    {
        var result = await App.SendAsync(
            new AuthorizeProviderCommand("salesforce", "MyDomain", "https://evil.example", null),
            Admin,
            TestUsers.DemoTenant
        );

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields.ShouldContainKey("Host");
        result.Error.Message.ShouldContain("evil.example is not a Salesforce host");
        (await AttemptsAsync()).ShouldBeEmpty();
        App.Salesforce.RequestLog.ShouldBeEmpty();
    }
}
