using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Web.Api;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// <c>Authorization: Bearer ntr_…</c> on the API. A key anywhere in the URL is refused outright (URLs end
/// up in logs, histories and proxies); a key of the wrong form or checksum is refused before any
/// database query. The principal acts for the key's creator, limited to the key's scopes.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IApiKeyAuthenticator keys,
    IRequestContext request
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "natero:api_key";
    public const string KeyNameClaim = "natero:api_key_name";
    public const string KeyPrefixClaim = "natero:api_key_prefix";
    public const string ScopeClaim = "natero:scope";
    public const string TenantIdClaim = "natero:tenant_id";
    public const string TenantSlugClaim = "natero:tenant";
    public const string MembershipClaim = "natero:membership";
    public const string TenantStatusClaim = "natero:tenant_status";

    private const string FailureItem = "natero:api_key_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Query.Any(q => q.Value.Any(v => v?.Contains(ApiKeySecret.Prefix, StringComparison.Ordinal) == true)))
        {
            return Fail(
                "api_key_in_url",
                "API keys are sent in the Authorization header (Bearer), never in the URL. Revoke a key that was put in a URL."
            );
        }

        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("invalid_authorization", "Send the API key as \"Authorization: Bearer ntr_…\".");
        }

        var result = await keys.AuthenticateAsync(header["Bearer ".Length..].Trim(), request.IpAddress, Context.RequestAborted);
        if (!result.IsSuccess)
        {
            return Fail(result.Error!.Code, result.Error.Message);
        }

        var key = result.Value;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.CreatedByUserId.ToString()),
            new(ClaimTypes.Email, key.CreatedByEmail),
            new(ClaimTypes.Name, key.CreatedByEmail),
            new(KeyIdClaim, key.Id.ToString()),
            new(KeyNameClaim, key.Name),
            new(KeyPrefixClaim, key.DisplayPrefix),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        if (key.TenantId is { } tenantId)
        {
            claims.Add(new Claim(TenantIdClaim, tenantId.ToString()));
            claims.Add(new Claim(TenantSlugClaim, key.TenantSlug ?? string.Empty));
            if (key is { MembershipId: { } membershipId, TenantStatus: { } status })
            {
                claims.Add(new Claim(MembershipClaim, membershipId.ToString()));
                claims.Add(new Claim(TenantStatusClaim, status.ToString()));
            }
        }
        else
        {
            // A platform key's scopes are platform roles.
            claims.AddRange(key.Scopes.Select(role => new Claim(ClaimTypes.Role, role)));
        }

        return AuthenticateResult.Success(
            new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)
        );
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, message) =
            Context.Items[FailureItem] as (string, string)? ?? ("api_key_required", "Send an API key: \"Authorization: Bearer ntr_…\".");
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, code, message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "forbidden", "This API key may not do this.");

    private AuthenticateResult Fail(string code, string message)
    {
        Context.Items[FailureItem] = (code, message);
        return AuthenticateResult.Fail(message);
    }
}
