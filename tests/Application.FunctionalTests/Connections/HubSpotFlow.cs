using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// Drives one HubSpot install through the mediator, with the emulator's login, account chooser and consent pages in
/// between, the way a browser would.
/// </summary>
public sealed class HubSpotFlow(ApplicationFixture app)
{
    public async Task<OAuthFlow.Started> StartAsync(Actor actor, string tenant = TestUsers.DemoTenant)
    {
        var result = await app.SendAsync(new AuthorizeProviderCommand("hubspot", null, null, null), actor, tenant);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return new OAuthFlow.Started(result.Value.AuthorizationUrl, result.Value.BrowserBinding);
    }

    /// <summary>Logs in at the emulator, picks the portal and answers the consent page; returns where HubSpot left the browser.</summary>
    public static async Task<AuthorizeOutcome> AtHubSpotAsync(
        OAuthFlow.Started started,
        EmulatorUser user,
        ConsentDecision decision = ConsentDecision.Approve,
        long? hubId = null
    )
    {
        using var browser = new EmulatorBrowser();
        return await browser.AuthorizeAsync(started.AuthorizationUrl, user.Email, DemoData.Password, decision, hubId);
    }

    public static OAuthFlow.Callback CallbackOf(OAuthFlow.Started started, AuthorizeOutcome outcome)
    {
        var redirect = outcome.Callback.ShouldNotBeNull(outcome.PageMessage);
        redirect.GetLeftPart(UriPartial.Path).ShouldBe(ApplicationFixture.HubSpotCallbackUrl);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new OAuthFlow.Callback(
            query["state"].ToString(),
            Value(query, "code"),
            Value(query, "error"),
            Value(query, "error_description"),
            started.BrowserBinding
        );
    }

    public Task<Result<OAuthCompletionDto>> CompleteAsync(OAuthFlow.Callback callback, Actor actor) =>
        app.SendAsync(
            new CompleteOAuthCommand(
                "hubspot",
                callback.State,
                callback.Code,
                callback.Error,
                callback.ErrorDescription,
                callback.BrowserBinding
            ),
            actor
        );

    /// <summary>The whole flow with Connect app; returns how it completed.</summary>
    public async Task<Result<OAuthCompletionDto>> ConnectAsync(Actor actor, EmulatorUser user, long? hubId = null)
    {
        var started = await StartAsync(actor);
        var outcome = await AtHubSpotAsync(started, user, ConsentDecision.Approve, hubId);
        return await CompleteAsync(CallbackOf(started, outcome), actor);
    }

    private static string? Value(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value) ? value.ToString() : null;
}
