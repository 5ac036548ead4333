using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Providers.Salesforce;
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
            [ConnectionEnvironment.Production, ConnectionEnvironment.Sandbox, ConnectionEnvironment.MyDomain],
            _options.AccessTokenLifetime
        );

    public Result<Uri> ResolveLoginUrl(ConnectionEnvironment environment, string? myDomainHost) =>
        environment switch
        {
            ConnectionEnvironment.Production => new Uri(_options.ProductionLoginUrl),
            ConnectionEnvironment.Sandbox => new Uri(_options.SandboxLoginUrl),
            ConnectionEnvironment.MyDomain => _hosts.NormaliseMyDomain(myDomainHost),
            _ => Error.Invalid("unknown_environment", "Choose Production, Sandbox or My Domain."),
        };

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

    public async Task<Result<TokenGrant>> RefreshAsync(
        ConnectionEnvironment environment,
        string? myDomainHost,
        string refreshToken,
        CancellationToken cancellationToken
    )
    {
        var loginUrl = ResolveLoginUrl(environment, myDomainHost);
        if (!loginUrl.IsSuccess)
        {
            return loginUrl.Error!;
        }

        var token = await client.RefreshAsync(loginUrl.Value, refreshToken, cancellationToken);
        return token.IsSuccess ? Verify(token.Value) : token.Error!;
    }

    public async Task<Result> RevokeAsync(
        ConnectionEnvironment environment,
        string? myDomainHost,
        string token,
        CancellationToken cancellationToken
    )
    {
        var loginUrl = ResolveLoginUrl(environment, myDomainHost);
        return loginUrl.IsSuccess ? await client.RevokeAsync(loginUrl.Value, token, cancellationToken) : loginUrl.Error!;
    }

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
            return Rejected("Salesforce named an instance host that is not a Salesforce host, so Natero did not trust it.");
        }

        if (!Uri.TryCreate(token.Id, UriKind.Absolute, out var identity) || !_hosts.IsTrusted(identity))
        {
            return Rejected("Salesforce named an identity host that is not a Salesforce host, so Natero did not trust it.");
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

    private static Error Rejected(string message) =>
        new(ErrorKind.Failure, "salesforce_response_rejected", message + " Nothing was connected.");
}
