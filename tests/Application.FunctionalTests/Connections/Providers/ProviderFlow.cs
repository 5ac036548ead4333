using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Connections.Providers;

/// <summary>
/// One provider's side of the connect flow, for the tests every provider must pass (S1-S13): where its admin signs in and
/// approves at its emulator, and what its emulator saw. The use cases are driven through the mediator as the pages do.
/// </summary>
public abstract class ProviderFlow(ApplicationFixture app)
{
    protected ApplicationFixture App { get; } = app;

    /// <summary>The provider's key, as Natero stores it and the callback route names it.</summary>
    public abstract string Key { get; }

    /// <summary>Code exchanges the provider's emulator has answered since the flow was made.</summary>
    public abstract int TokenCalls { get; }

    /// <summary>Natero's client secret at the provider, which no log line or audit record may hold.</summary>
    public abstract string ClientSecret { get; }

    /// <summary>What Authorize provider sends for this provider: an environment and a host where it needs them.</summary>
    protected virtual (string? Environment, string? Host) Site => (null, null);

    /// <summary>The emulator answers the next code exchange with a server error.</summary>
    public abstract void FailNextTokenCall();

    /// <summary>Forgets what the emulator saw so far.</summary>
    public abstract void ClearLog();

    /// <summary>Signs in at the emulator as its demo admin, approves, and returns the redirect to Natero's callback.</summary>
    protected abstract Task<Uri> ApproveAsync(Uri authorizationUrl);

    public async Task<OAuthFlow.Started> StartAsync(Actor actor, string tenant = TestUsers.DemoTenant)
    {
        var (environment, host) = Site;
        var result = await App.SendAsync(new AuthorizeProviderCommand(Key, environment, host, null), actor, tenant);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return new OAuthFlow.Started(result.Value.AuthorizationUrl, result.Value.BrowserBinding);
    }

    /// <summary>Starts an attempt and approves it at the provider; returns the callback not yet delivered to Natero.</summary>
    public async Task<OAuthFlow.Callback> CallbackAsync(Actor actor, string tenant = TestUsers.DemoTenant)
    {
        var started = await StartAsync(actor, tenant);
        var redirect = await ApproveAsync(started.AuthorizationUrl);
        redirect.AbsolutePath.ShouldEndWith($"/oauth/callback/{Key}");
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new OAuthFlow.Callback(
            query["state"].ToString(),
            query.GetValueOrDefault("code").ToString() is { Length: > 0 } code ? code : null,
            query.GetValueOrDefault("error").ToString() is { Length: > 0 } error ? error : null,
            query.GetValueOrDefault("error_description").ToString() is { Length: > 0 } description ? description : null,
            started.BrowserBinding
        );
    }

    public Task<Result<OAuthCompletionDto>> CompleteAsync(OAuthFlow.Callback callback, Actor actor) =>
        App.SendAsync(
            new CompleteOAuthCommand(
                Key,
                callback.State,
                callback.Code,
                callback.Error,
                callback.ErrorDescription,
                callback.BrowserBinding
            ),
            actor
        );

    public override string ToString() => Key;
}
