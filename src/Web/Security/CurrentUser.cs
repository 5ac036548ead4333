using System.Security.Claims;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Infrastructure.Identity;

namespace Natero.Connectors.Web.Security;

/// <summary>The signed-in person of the current HTTP request.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId =>
        Principal?.Identity?.IsAuthenticated == true && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    public string? Email => Principal?.FindFirstValue(ClaimTypes.Email) ?? Principal?.Identity?.Name;

    public string? DisplayName => Principal?.Identity?.Name;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public Guid? SessionId => ApiKey is null ? SignInSessionCookie.SessionIdOf(Principal) : null;

    public bool HasSecondFactor => ApiKey is null && Principal?.HasClaim(c => c.Type == AccountClaims.SecondFactor) == true;

    private (ClaimsPrincipal? Principal, ApiKeyActor? Actor)? _apiKey;

    /// <summary>Read once per principal: several behaviours ask for it on every request.</summary>
    public ApiKeyActor? ApiKey
    {
        get
        {
            var principal = Principal;
            if (_apiKey is not { } cached || !ReferenceEquals(cached.Principal, principal))
            {
                cached = (principal, ReadApiKey(principal));
                _apiKey = cached;
            }

            return cached.Actor;
        }
    }

    private static ApiKeyActor? ReadApiKey(ClaimsPrincipal? principal) =>
        principal?.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
        && Guid.TryParse(principal.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), out var id)
            ? new ApiKeyActor(
                id,
                principal.FindFirstValue(ApiKeyAuthenticationHandler.KeyNameClaim) ?? string.Empty,
                principal.FindFirstValue(ApiKeyAuthenticationHandler.KeyPrefixClaim) ?? string.Empty,
                principal.FindAll(ApiKeyAuthenticationHandler.ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                Guid.TryParse(principal.FindFirstValue(ApiKeyAuthenticationHandler.MembershipClaim), out var membership)
                    ? membership
                    : null,
                Enum.TryParse<TenantStatus>(principal.FindFirstValue(ApiKeyAuthenticationHandler.TenantStatusClaim), out var status)
                    ? status
                    : null
            )
            : null;
}
