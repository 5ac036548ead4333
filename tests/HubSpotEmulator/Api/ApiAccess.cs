using System.Globalization;
using Natero.Connectors.HubSpotEmulator.OAuth;

namespace Natero.Connectors.HubSpotEmulator.Api;

/// <summary>The bearer check in front of every API endpoint, with HubSpot's 401 and 403 bodies.</summary>
internal static class ApiAccess
{
    public const string CredentialsNotFound =
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at "
        + "https://developers.hubspot.com/docs/methods/auth/oauth-overview";

    /// <returns>The live access token, or the error to answer with.</returns>
    public static (AccessToken? Token, IResult? Failure) Authenticate(HttpContext context, TokenStore tokens, string? requiredScope = null)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var check = tokens.Authenticate(token);
        if (check.ExpiredFor is { } expiredFor)
        {
            var minutes = ((long)expiredFor.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            return (
                null,
                HubSpotErrors.Api(
                    StatusCodes.Status401Unauthorized,
                    "EXPIRED_AUTHENTICATION",
                    $"The OAuth token used to make this call expired {minutes} minute(s) ago."
                )
            );
        }

        if (check.Token is not { } access)
        {
            return (null, HubSpotErrors.Api(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION", CredentialsNotFound));
        }

        return requiredScope is not null && !access.Grant.Scopes.Contains(requiredScope)
            ? (null, HubSpotErrors.MissingScopes([requiredScope]))
            : (access, null);
    }
}
