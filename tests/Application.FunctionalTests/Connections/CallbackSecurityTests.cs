using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.FunctionalTests.Connections.Providers;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// S1-S3 and S6-S9: a callback is redeemed once, by its own user and browser, and only with an answer Natero can trust. The
/// rules that do not depend on the provider run for every provider; S6 and S9 check Salesforce's own answers.
/// </summary>
public sealed class CallbackSecurityTests(ApplicationFixture app) : ConnectionsTest(app)
{
    private const string AlreadyUsed = "This sign-in link has already been used. Start again from Manage OAuth.";
    private const string AnotherUser =
        "This sign-in was started by another Natero user. Each person must start their own from Manage OAuth.";
    private const string AnotherBrowser =
        "This sign-in was started in another browser. Finish it in the browser where you clicked Authorize provider.";

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S1_replayed_callback_is_rejected_and_changes_nothing(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        (await flow.CompleteAsync(callback, Admin)).Value.Connected.ShouldBeTrue();
        var connectionBefore = (await ConnectionsAsync()).ShouldHaveSingleItem();
        var attemptBefore = (await AttemptsAsync()).ShouldHaveSingleItem();
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var replay = await flow.CompleteAsync(callback, Admin);

        replay.Error!.Kind.ShouldBe(ErrorKind.Validation);
        replay.Error.Message.ShouldBe(AlreadyUsed);
        flow.TokenCalls.ShouldBe(1);
        var connectionAfter = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connectionAfter.Version.ShouldBe(connectionBefore.Version);
        connectionAfter.UpdatedAt.ShouldBe(connectionBefore.UpdatedAt);
        connectionAfter.AccessTokenCiphertext.ShouldBe(connectionBefore.AccessTokenCiphertext);
        connectionAfter.RefreshTokenCiphertext.ShouldBe(connectionBefore.RefreshTokenCiphertext);
        var attemptAfter = (await AttemptsAsync()).ShouldHaveSingleItem();
        attemptAfter.ConsumedAt.ShouldBe(attemptBefore.ConsumedAt);
        attemptAfter.Outcome.ShouldBe(AuthorizationOutcome.Connected);
        var audit = (await AuditEventsAsync("connection.callback_rejected")).ShouldHaveSingleItem();
        audit.Outcome.ShouldBe(AuditOutcome.Denied);
        audit.Reason!.ShouldContain("already been used");
        audit.ActorId.ShouldBe(Admin.UserId.ToString());
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S2_a_callback_without_the_browser_binding_is_rejected_and_leaves_the_attempt_to_its_own_browser(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);

        var result = await flow.CompleteAsync(callback with { BrowserBinding = null! }, Admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe(AnotherBrowser);
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().ConsumedAt.ShouldBeNull();
        (await AuditEventsAsync("connection.callback_rejected")).ShouldHaveSingleItem().Reason.ShouldBe(AnotherBrowser);
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S2_a_callback_carrying_the_browser_binding_of_another_attempt_is_rejected(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        var otherAttempt = await flow.StartAsync(Admin);

        var result = await flow.CompleteAsync(callback with { BrowserBinding = otherAttempt.BrowserBinding }, Admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe(AnotherBrowser);
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldAllBe(a => a.ConsumedAt == null);
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S2_a_callback_brought_by_another_signed_in_user_of_the_same_tenant_is_rejected(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var colleague = await AddDemoMemberAsync(
            "colleague@demo.natero.test",
            Permissions.DataConnectors.View,
            Permissions.DataConnectors.Configure
        );
        var callback = await flow.CallbackAsync(Admin);

        var result = await flow.CompleteAsync(callback, colleague);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe(AnotherUser);
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().ConsumedAt.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S2_a_callback_brought_by_the_admin_of_another_tenant_is_rejected(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var otherAdmin = await CreateOtherTenantAsync();
        var callback = await flow.CallbackAsync(Admin);

        var result = await flow.CompleteAsync(callback, otherAdmin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe(AnotherUser);
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().ConsumedAt.ShouldBeNull();
        (await AuditEventsAsync("connection.callback_rejected")).ShouldHaveSingleItem().ActorId.ShouldBe(otherAdmin.UserId.ToString());
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S3_a_callback_after_the_ten_minutes_of_its_attempt_is_rejected_as_expired(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(11));

        var result = await flow.CompleteAsync(callback, Admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldContain("expired");
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AuditEventsAsync("connection.callback_rejected")).ShouldHaveSingleItem().Reason!.ShouldContain("expired");
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S3_a_state_with_one_character_changed_is_rejected(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        var altered = (callback.State[0] == 'A' ? "B" : "A") + callback.State[1..];

        var result = await flow.CompleteAsync(callback with { State = altered }, Admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe("This sign-in link is not one Natero started, or it was altered. Start again from Manage OAuth.");
        flow.TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().ConsumedAt.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task A_callback_without_a_state_is_rejected_without_a_token_call(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);

        var result = await flow.CompleteAsync(callback with { State = string.Empty }, Admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Message.ShouldBe("The sign-in link is incomplete: it carries no state. Start again from Manage OAuth.");
        flow.TokenCalls.ShouldBe(0);
        (await AttemptsAsync()).ShouldHaveSingleItem().ConsumedAt.ShouldBeNull();
    }

    [Fact]
    public async Task S6_the_code_is_exchanged_at_the_login_host_of_the_stored_attempt()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.SandboxAdmin, environment: "Sandbox");

        (await Flow.CompleteAsync(callback, Admin)).Value.Connected.ShouldBeTrue();

        var attempt = (await AttemptsAsync()).ShouldHaveSingleItem();
        TokenRequests.ShouldHaveSingleItem().Origin.ShouldBe(new Uri(attempt.LoginUrl).GetLeftPart(UriPartial.Authority));
        attempt.LoginUrl.ShouldBe(App.Salesforce.SandboxLoginUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task S6_a_token_answer_naming_an_untrusted_instance_host_is_rejected_and_nothing_is_stored()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.UntrustedInstanceUrl());

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe(
            "Salesforce named an instance host that is not a Salesforce host, so Natero did not trust it. Nothing was connected."
        );
        TokenCalls.ShouldBe(1);
        (await ConnectionsAsync()).ShouldBeEmpty();
        App.Salesforce.RequestLog.ShouldNotContain(r => r.Origin.Contains("evil.example", StringComparison.Ordinal));
        (await AttemptsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(AuthorizationOutcome.Failed);
    }

    [Fact]
    public async Task S6_a_signed_token_answer_naming_an_untrusted_identity_host_is_rejected_and_nothing_is_stored()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        App.Salesforce.Faults.Inject(
            EmulatorEndpoint.Token,
            Fault.Respond(
                200,
                "application/json",
                SignedTokenAnswer(
                    instanceUrl: Salesforce.Acme.MyDomainUrl.GetLeftPart(UriPartial.Authority),
                    identityUrl: $"https://evil.example/id/{Salesforce.Acme.Id}/{Salesforce.Admin.Id}"
                )
            )
        );

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe(
            "Salesforce named an identity host that is not a Salesforce host, so Natero did not trust it. Nothing was connected."
        );
        TokenCalls.ShouldBe(1);
        App.Salesforce.RequestLog.ShouldNotContain(r =>
            r.Path.StartsWith("/id/", StringComparison.Ordinal) || r.Path.StartsWith("/services/data", StringComparison.Ordinal)
        );
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task S6_a_token_answer_whose_signature_does_not_verify_is_rejected_and_nothing_is_stored()
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, Fault.WrongSignature());

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe(
            "The token answer's signature does not verify, so Natero did not trust it. Nothing was connected."
        );
        TokenCalls.ShouldBe(1);
        App.Salesforce.RequestLog.ShouldNotContain(r =>
            r.Path.StartsWith("/id/", StringComparison.Ordinal) || r.Path.StartsWith("/services/data", StringComparison.Ordinal)
        );
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AttemptsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(AuthorizationOutcome.Failed);
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S7_two_concurrent_callbacks_with_the_same_state_make_one_token_call_and_one_connection(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);

        var results = await Task.WhenAll(
            Task.Run(() => flow.CompleteAsync(callback, Admin)),
            Task.Run(() => flow.CompleteAsync(callback, Admin))
        );

        results.Count(r => r.IsSuccess && r.Value.Connected).ShouldBe(1);
        results.Where(r => !r.IsSuccess).ShouldHaveSingleItem().Error!.Message.ShouldBe(AlreadyUsed);
        flow.TokenCalls.ShouldBe(1);
        (await ConnectionsAsync()).ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(ProviderFlows.Keys), MemberType = typeof(ProviderFlows))]
    public async Task S8_a_failed_code_exchange_is_not_retried_and_its_callback_cannot_be_used_again(string provider)
    {
        var flow = ProviderFlows.For(App, provider);
        var callback = await flow.CallbackAsync(Admin);
        flow.FailNextTokenCall();

        var failed = await flow.CompleteAsync(callback, Admin);
        var again = await flow.CompleteAsync(callback, Admin);

        failed.Value.Connected.ShouldBeFalse();
        again.Error!.Kind.ShouldBe(ErrorKind.Validation);
        again.Error.Message.ShouldBe(AlreadyUsed);
        flow.TokenCalls.ShouldBe(1);
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task S9_access_denied_consumes_the_state_without_a_token_call_and_does_not_echo_its_description()
    {
        const string Script = "<script>alert(1)</script>";
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Authorize, Fault.AuthorizeError("access_denied", Script));
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        callback.ErrorDescription.ShouldBe(Script);

        var completed = await Flow.CompleteAsync(callback, Admin);

        completed.Value.Connected.ShouldBeFalse();
        completed.Value.Message.ShouldBe("You chose Deny on the Salesforce page, so nothing was connected.");
        completed.Value.Message.ShouldNotContain("<");
        completed.Value.Message.ShouldNotContain("alert(1)");
        TokenCalls.ShouldBe(0);
        var attempt = (await AttemptsAsync()).ShouldHaveSingleItem();
        attempt.ConsumedAt.ShouldNotBeNull();
        attempt.Outcome.ShouldBe(AuthorizationOutcome.Denied);
        attempt.OutcomeDetail!.ShouldNotContain("<script");
        (await AuditEventsAsync("connection.authorization_failed")).ShouldHaveSingleItem().Reason!.ShouldNotContain("<script");
    }

    /// <summary>A token answer Natero's signature check accepts: Base64(HMAC-SHA256(client secret, id + issued_at)).</summary>
    private static string SignedTokenAnswer(string instanceUrl, string identityUrl)
    {
        var issuedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(DemoData.ClientSecret), Encoding.UTF8.GetBytes(identityUrl + issuedAt))
        );
        return JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["access_token"] = "not-a-token-any-host-accepts",
                ["instance_url"] = instanceUrl,
                ["id"] = identityUrl,
                ["issued_at"] = issuedAt,
                ["signature"] = signature,
                ["token_type"] = "Bearer",
                ["scope"] = "api refresh_token id",
            }
        );
    }

    private Task<Actor> AddDemoMemberAsync(string email, params string[] permissions) =>
        App.AddMemberAsync(email, TestUsers.DemoTenant, permissions);
}
