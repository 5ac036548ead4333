using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>F1: whatever goes wrong at the token endpoint, the admin reads why, nothing is stored, and the attempt is spent.</summary>
public sealed class TokenEndpointFailureTests(ApplicationFixture app) : ConnectionsTest(app)
{
    [Fact]
    public async Task F1_a_server_error_from_the_token_endpoint_says_so_and_stores_nothing()
    {
        var completed = await CompleteWithTokenFaultAsync(Fault.ServerError());

        await ShouldHaveFailedCleanlyAsync(completed, "Salesforce's token endpoint failed (HTTP 500). Nothing was connected; try again.");
    }

    [Fact]
    public async Task F1_a_token_endpoint_that_does_not_answer_within_the_timeout_says_so_and_stores_nothing()
    {
        var completed = await CompleteWithTokenFaultAsync(Fault.Hang());

        await ShouldHaveFailedCleanlyAsync(completed, "Salesforce did not answer within 5 seconds. Nothing was changed; try again.");
    }

    [Fact]
    public async Task F1_an_html_page_instead_of_json_says_so_and_stores_nothing()
    {
        var completed = await CompleteWithTokenFaultAsync(Fault.Html());

        await ShouldHaveFailedCleanlyAsync(
            completed,
            "Salesforce's token endpoint answered with something that is not JSON. Nothing was connected; try again."
        );
    }

    [Fact]
    public async Task F1_a_token_answer_without_an_access_token_says_so_and_stores_nothing()
    {
        var completed = await CompleteWithTokenFaultAsync(Fault.OmitFields("access_token"));

        await ShouldHaveFailedCleanlyAsync(completed, "Salesforce's token answer lacked access_token. Nothing was connected; try again.");
    }

    private async Task<(Result<OAuthCompletionDto> Result, int AuditEventsBefore)> CompleteWithTokenFaultAsync(Fault fault)
    {
        var callback = await Flow.CallbackAsync(Admin, Salesforce.Admin);
        var auditEventsBefore = await AuditEventCountAsync();
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Token, fault, times: 1);
        return (await Flow.CompleteAsync(callback, Admin), auditEventsBefore);
    }

    private async Task ShouldHaveFailedCleanlyAsync((Result<OAuthCompletionDto> Result, int AuditEventsBefore) completed, string message)
    {
        var (result, auditEventsBefore) = completed;
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Connected.ShouldBeFalse();
        result.Value.Message.ShouldBe(message);
        result.Value.ConnectionId.ShouldBeNull();
        (await SettledTokenCallsAsync(1)).ShouldBe(1);
        (await ConnectionsAsync()).ShouldBeEmpty();
        var attempt = (await AttemptsAsync()).ShouldHaveSingleItem();
        attempt.ConsumedAt.ShouldNotBeNull();
        attempt.Outcome.ShouldBe(AuthorizationOutcome.Failed);
        attempt.OutcomeDetail.ShouldBe(message);
        (await AuditEventCountAsync()).ShouldBe(auditEventsBefore + 1);
        var audit = (await AuditEventsAsync("connection.authorization_failed")).ShouldHaveSingleItem();
        audit.Outcome.ShouldBe(AuditOutcome.Failure);
        audit.Reason.ShouldBe(message);
        audit.Target.ShouldBe($"authorization:{attempt.Id}");
    }
}
