using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// Drives one Zendesk OAuth attempt through the mediator, with the emulator's sign-in and Allow pages in between, the
/// way a browser would. The subdomain typed is the emulated account's loopback origin.
/// </summary>
public sealed class ZendeskFlow(ApplicationFixture app)
{
    public async Task<OAuthFlow.Started> StartAsync(Actor actor, ZendeskAccount account, string tenant = TestUsers.DemoTenant)
    {
        var result = await app.SendAsync(
            new AuthorizeProviderCommand("zendesk", null, ZendeskTestSettings.SubdomainOf(account), null),
            actor,
            tenant
        );
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return new OAuthFlow.Started(result.Value.AuthorizationUrl, result.Value.BrowserBinding);
    }

    /// <summary>Signs in at the emulator and clicks Allow or Deny; returns the callback's query.</summary>
    public static async Task<OAuthFlow.Callback> AtZendeskAsync(
        OAuthFlow.Started started,
        ZendeskUser user,
        ConsentDecision decision = ConsentDecision.Allow
    )
    {
        using var browser = new EmulatorBrowser();
        var redirect = await browser.AuthorizeAsync(started.AuthorizationUrl, user.Email, DemoData.Password, decision);
        redirect.GetLeftPart(UriPartial.Path).ShouldBe(ApplicationFixture.ZendeskCallbackUrl);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new OAuthFlow.Callback(
            query["state"].ToString(),
            query.TryGetValue("code", out var code) ? code.ToString() : null,
            query.TryGetValue("error", out var error) ? error.ToString() : null,
            query.TryGetValue("error_description", out var description) ? description.ToString() : null,
            started.BrowserBinding
        );
    }

    public Task<Result<OAuthCompletionDto>> CompleteAsync(OAuthFlow.Callback callback, Actor actor) =>
        app.SendAsync(
            new CompleteOAuthCommand(
                "zendesk",
                callback.State,
                callback.Code,
                callback.Error,
                callback.ErrorDescription,
                callback.BrowserBinding
            ),
            actor
        );

    /// <summary>The whole flow on <paramref name="user"/>'s account with Allow; returns how it completed.</summary>
    public async Task<Result<OAuthCompletionDto>> ConnectAsync(Actor actor, ZendeskUser user, string tenant = TestUsers.DemoTenant)
    {
        var started = await StartAsync(actor, user.Account, tenant);
        var callback = await AtZendeskAsync(started, user);
        return await CompleteAsync(callback, actor);
    }
}
