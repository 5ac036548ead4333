using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections;

/// <summary>
/// Drives one OAuth attempt through the mediator, with the emulator's login and consent pages in
/// between, the way a browser would.
/// </summary>
public sealed class OAuthFlow(ApplicationFixture app)
{
    public async Task<Started> StartAsync(
        Actor actor,
        string environment = "Production",
        string? myDomainHost = null,
        string tenant = TestUsers.DemoTenant
    )
    {
        var result = await app.SendAsync(new AuthorizeProviderCommand("salesforce", environment, myDomainHost, null), actor, tenant);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return new Started(result.Value.AuthorizationUrl, result.Value.BrowserBinding);
    }

    /// <summary>Logs in at the emulator and clicks Allow or Deny; returns the callback's query.</summary>
    public async Task<Callback> AtSalesforceAsync(Started started, EmulatorUser user, ConsentDecision decision = ConsentDecision.Allow)
    {
        using var browser = new EmulatorBrowser();

        // Salesforce skips the Allow page once a user has approved the app, as an earlier test may have
        // done; Deny needs the page.
        var settings = app.Salesforce.Settings;
        var askedBefore = settings.AlwaysAskForConsent;
        settings.AlwaysAskForConsent = askedBefore || decision == ConsentDecision.Deny;
        Uri redirect;
        try
        {
            redirect = await browser.AuthorizeAsync(started.AuthorizationUrl, user.Username, DemoData.Password, decision);
        }
        finally
        {
            settings.AlwaysAskForConsent = askedBefore;
        }

        redirect.GetLeftPart(UriPartial.Path).ShouldBe(ApplicationFixture.CallbackUrl);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new Callback(
            query["state"].ToString(),
            Value(query, "code"),
            Value(query, "error"),
            Value(query, "error_description"),
            started.BrowserBinding
        );
    }

    public Task<Result<OAuthCompletionDto>> CompleteAsync(Callback callback, Actor actor) =>
        app.SendAsync(
            new CompleteOAuthCommand(
                "salesforce",
                callback.State,
                callback.Code,
                callback.Error,
                callback.ErrorDescription,
                callback.BrowserBinding
            ),
            actor
        );

    /// <summary>The whole flow with Allow; returns how it completed.</summary>
    public async Task<Result<OAuthCompletionDto>> ConnectAsync(
        Actor actor,
        EmulatorUser user,
        string environment = "Production",
        string? myDomainHost = null,
        string tenant = TestUsers.DemoTenant
    )
    {
        var started = await StartAsync(actor, environment, myDomainHost, tenant);
        var callback = await AtSalesforceAsync(started, user);
        return await CompleteAsync(callback, actor);
    }

    /// <summary>Starts an attempt and logs in at Salesforce; returns the callback not yet delivered to Natero.</summary>
    public async Task<Callback> CallbackAsync(
        Actor actor,
        EmulatorUser user,
        ConsentDecision decision = ConsentDecision.Allow,
        string environment = "Production",
        string tenant = TestUsers.DemoTenant
    )
    {
        var started = await StartAsync(actor, environment, null, tenant);
        return await AtSalesforceAsync(started, user, decision);
    }

    private static string? Value(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value) ? value.ToString() : null;

    public sealed record Started(Uri AuthorizationUrl, string BrowserBinding);

    public sealed record Callback(string State, string? Code, string? Error, string? ErrorDescription, string BrowserBinding);
}
