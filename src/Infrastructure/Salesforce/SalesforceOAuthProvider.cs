using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// Salesforce as an OAuth provider: builds the authorize URL, and checks every token answer (its
/// signature, its hosts) before the use cases see it.
/// </summary>
internal sealed class SalesforceOAuthProvider(ISalesforceClient client, IOptions<SalesforceOptions> options) : IOAuthProvider
{
    public const string Key = "salesforce";

    /// <summary>Salesforce's places to sign in, as stored on connections and taken by the API.</summary>
    internal const string Production = "Production";

    internal const string Sandbox = "Sandbox";

    internal const string MyDomain = "MyDomain";

    private static readonly ProviderEnvironment[] Environments =
    [
        new(Production, "Production", Hint: "login.salesforce.com"),
        new(Sandbox, "Sandbox", Hint: "test.salesforce.com"),
        new(MyDomain, "My Domain", "My Domain", "acme.my.salesforce.com", "your org's own login host"),
    ];

    private readonly SalesforceOptions _options = options.Value;
    private readonly SalesforceHosts _hosts = new(options.Value);

    public ProviderDescriptor Descriptor =>
        new(
            Key,
            "Salesforce",
            _options.IsConfigured,
            "Salesforce is not configured yet: a Natero administrator must set "
                + "Salesforce:ClientId, Salesforce:ClientSecret and Salesforce:CallbackUrl "
                + "(the Connected App's consumer key, secret and callback). For an offline demo, start the emulator with "
                + "`dotnet run --project tests/SalesforceEmulator` and use the settings it prints.",
            Environments,
            _options.AccessTokenLifetime,
            "org",
            SalesforceWords.InstallTheApp,
            "The Salesforce user needs the API Enabled permission.",
            SalesforceWords.ApiAccessFixIt,
            Uri.TryCreate(_options.CallbackUrl, UriKind.Absolute, out var callback) ? callback : null
        );

    public Result<SignInSite> ResolveSite(string? environment, string? host)
    {
        var chosen = Descriptor.FindEnvironment(environment);
        if (chosen is null)
        {
            return Error.Invalid("unknown_environment", "Choose Production, Sandbox or My Domain.");
        }

        if (chosen.Key != MyDomain)
        {
            return new SignInSite(chosen.Key, null);
        }

        var myDomain = _hosts.NormaliseMyDomain(host);
        return myDomain.IsSuccess ? new SignInSite(MyDomain, MyDomainOf(myDomain.Value)) : myDomain.Error!;
    }

    public Result<Uri> LoginUrl(SignInSite site) =>
        site.Environment switch
        {
            Production => new Uri(_options.ProductionLoginUrl),
            Sandbox => new Uri(_options.SandboxLoginUrl),
            MyDomain => _hosts.NormaliseMyDomain(site.Host),
            _ => Error.Invalid("unknown_environment", "Choose Production, Sandbox or My Domain."),
        };

    public string? ExplainCallbackError(string error, string? description) => SalesforceWords.ExplainCallbackError(error, description);

    public Task<AccountReadiness> DescribeReadinessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken) =>
        client.DescribeOrgAsync(instanceUrl, accessToken, cancellationToken);

    public Uri BuildAuthorizationUrl(Uri loginUrl, string state, string codeChallenge) =>
        new(
            QueryHelpers.AddQueryString(
                new Uri(loginUrl, "/services/oauth2/authorize").ToString(),
                new Dictionary<string, string?>
                {
                    ["response_type"] = "code",
                    ["client_id"] = _options.ClientId,
                    ["redirect_uri"] = _options.CallbackUrl,
                    ["scope"] = _options.Scopes,
                    ["state"] = state,
                    ["code_challenge"] = codeChallenge,
                    ["code_challenge_method"] = "S256",
                }
            )
        );

    public async Task<Result<TokenGrant>> ExchangeCodeAsync(
        Uri loginUrl,
        string code,
        string codeVerifier,
        CancellationToken cancellationToken
    )
    {
        var token = await client.ExchangeCodeAsync(loginUrl, code, codeVerifier, cancellationToken);
        return token.IsSuccess ? Verify(token.Value) : token.Error!;
    }

    public async Task<Result<ProviderAccount>> DescribeAccountAsync(TokenGrant grant, CancellationToken cancellationToken)
    {
        if (grant.IdentityUrl is null)
        {
            return Rejected("Salesforce's token answer named no identity URL.");
        }

        var identity = await client.GetIdentityAsync(grant.IdentityUrl, grant.AccessToken, cancellationToken);
        if (!identity.IsSuccess)
        {
            return identity.Error!;
        }

        var who = identity.Value;
        if (!grant.IdentityUrl.AbsolutePath.EndsWith($"/{who.OrganizationId}/{who.UserId}", StringComparison.Ordinal))
        {
            return Rejected("The identity Salesforce described does not match the one it issued the token for.");
        }

        return new ProviderAccount(who.OrganizationId, who.UserId, who.Username, who.DisplayName, grant.InstanceUrl);
    }

    public async Task<ApiAccessCheck> CheckApiAccessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken)
    {
        var probe = await client.ProbeRestApiAsync(instanceUrl, accessToken, cancellationToken);
        if (probe.Succeeded)
        {
            return ApiAccessCheck.Enabled;
        }

        return probe.ErrorCode switch
        {
            // Expired or revoked session; "not valid for use with the REST API" means a missing api scope, which a refresh cannot fix.
            "INVALID_SESSION_ID"
                when probe.StatusCode == 401
                    && probe.ErrorMessage?.Contains("not valid for use with the REST API", StringComparison.OrdinalIgnoreCase) != true =>
                new ApiAccessCheck(
                    ApiAccessOutcome.TokenRejected,
                    new ConnectionError("INVALID_SESSION_ID", "Salesforce says the session expired.")
                ),
            "API_DISABLED_FOR_ORG" or "API_CURRENTLY_DISABLED" => new ApiAccessCheck(
                ApiAccessOutcome.Disabled,
                new ConnectionError(
                    probe.ErrorCode,
                    "Salesforce says API access is not enabled for this org or this user ("
                        + probe.ErrorCode
                        + "). "
                        + "A Salesforce admin must give the user the API Enabled permission, through their Profile or a Permission Set, "
                        + "and the org's edition must include API access."
                )
            ),
            // An open circuit: no request was sent, and the message already says when to try again.
            SalesforceFailures.Unavailable when probe.StatusCode == 0 => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(probe.ErrorCode, probe.ErrorMessage ?? "Salesforce is unavailable.")
            ),
            // Salesforce's words go into LastErrorCode (64) and LastErrorMessage (2000): clip them to fit.
            _ => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(
                    Clip(probe.ErrorCode, 64) ?? "api_check_failed",
                    $"Natero could not confirm API access yet (HTTP {probe.StatusCode}{ProbeDetail(probe)}). It will check again."
                )
            ),
        };
    }

    public async Task<Result<TokenGrant>> RefreshAsync(SignInSite site, string refreshToken, CancellationToken cancellationToken)
    {
        var loginUrl = LoginUrl(site);
        if (!loginUrl.IsSuccess)
        {
            return loginUrl.Error!;
        }

        var token = await client.RefreshAsync(loginUrl.Value, refreshToken, cancellationToken);
        if (!token.IsSuccess)
        {
            return token.Error!;
        }

        // A refresh answer names where the org lives now (an org migration, a changed My Domain). A host that is not
        // Salesforce's is never followed: the connection must be authorized again rather than send tokens elsewhere.
        var verified = Verify(token.Value);
        return verified.IsSuccess || verified.Error!.Code != UntrustedHost
            ? verified
            : new Error(
                ErrorKind.Failure,
                ProviderErrorCodes.RefreshRejected,
                verified.Error.Message.Replace(" Nothing was connected.", "", StringComparison.Ordinal)
                    + " Someone with \"Configure data connectors\" must authorize again."
            );
    }

    /// <summary>Revoking the refresh token ends its access tokens too; without one, the access token is revoked.</summary>
    public async Task<Result> RevokeAsync(SignInSite site, GrantTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var loginUrl = LoginUrl(site);
        var token = tokens.RefreshToken ?? tokens.AccessToken;
        return !loginUrl.IsSuccess ? loginUrl.Error!
            : token is null ? Error.Conflict("nothing_to_revoke", "There was no token to revoke.")
            : await client.RevokeAsync(loginUrl.Value, token, cancellationToken);
    }

    /// <summary>
    /// What a site stores for a My Domain: the host of an https My Domain on the default port (every real one),
    /// otherwise the whole origin, so that the emulator's <c>http://127.0.0.10:PORT</c> survives the round trip.
    /// </summary>
    private static string MyDomainOf(Uri loginUrl) =>
        loginUrl.Scheme == Uri.UriSchemeHttps && loginUrl.IsDefaultPort ? loginUrl.Host : loginUrl.GetLeftPart(UriPartial.Authority);

    private Result<TokenGrant> Verify(SalesforceToken token)
    {
        // signature = Base64(HMAC-SHA256(client secret, id + issued_at)): proves the answer came from Salesforce for our app.
        var expected = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(_options.ClientSecret!),
            Encoding.UTF8.GetBytes(token.Id + token.IssuedAt)
        );
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(token.Signature);
        }
        catch (FormatException)
        {
            actual = [];
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return Rejected("The token answer's signature does not verify, so Natero did not trust it.");
        }

        if (!Uri.TryCreate(token.InstanceUrl, UriKind.Absolute, out var instance) || !_hosts.IsTrusted(instance))
        {
            return Rejected("Salesforce named an instance host that is not a Salesforce host, so Natero did not trust it.", UntrustedHost);
        }

        if (!Uri.TryCreate(token.Id, UriKind.Absolute, out var identity) || !_hosts.IsTrusted(identity))
        {
            return Rejected("Salesforce named an identity host that is not a Salesforce host, so Natero did not trust it.", UntrustedHost);
        }

        if (!long.TryParse(token.IssuedAt, NumberStyles.None, CultureInfo.InvariantCulture, out var issuedAtMs))
        {
            return Rejected("The token answer's issued_at is not a time in milliseconds.");
        }

        var scopes = string.IsNullOrWhiteSpace(token.Scope) ? _options.Scopes : token.Scope;
        return new TokenGrant(
            token.AccessToken,
            token.RefreshToken,
            instance,
            identity,
            scopes,
            DateTimeOffset.FromUnixTimeMilliseconds(issuedAtMs)
        );
    }

    private static string ProbeDetail(SalesforceRestProbe probe) =>
        probe.ErrorMessage is null ? string.Empty : ": " + Clip(probe.ErrorMessage, 500);

    private static string? Clip(string? value, int length) => value is not null && value.Length > length ? value[..length] : value;

    private const string UntrustedHost = "salesforce_untrusted_host";

    private static Error Rejected(string message, string code = "salesforce_response_rejected") =>
        new(ErrorKind.Failure, code, message + " Nothing was connected.");
}
