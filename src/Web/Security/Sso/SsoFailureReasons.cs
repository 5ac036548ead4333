using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Natero.Connectors.Web.Security.Sso;

/// <summary>Why a single sign-on callback was refused, as a code safe for an audit record and a URL.</summary>
public static class SsoFailureReasons
{
    public const string AccessDenied = "access_denied";
    public const string Failed = "failed";

    public static string Classify(Exception? failure)
    {
        for (var exception = failure; exception is not null; exception = exception.InnerException)
        {
            var reason = exception switch
            {
                SecurityTokenInvalidIssuerException => "invalid_issuer",
                SecurityTokenInvalidAudienceException => "invalid_audience",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "invalid_signature",
                SecurityTokenExpiredException or SecurityTokenNotYetValidException => "token_expired",
                OpenIdConnectProtocolInvalidNonceException => "invalid_nonce",
                SecurityTokenException => "invalid_token",
                OpenIdConnectProtocolException => "provider_error",
                HttpRequestException or TaskCanceledException => "provider_unreachable",
                AuthenticationFailureException when exception.Data["error"] as string == "access_denied" => AccessDenied,
                AuthenticationFailureException when exception.Message.StartsWith("Correlation failed", StringComparison.Ordinal) =>
                    "correlation_failed",
                AuthenticationFailureException when exception.Message.Contains("state", StringComparison.OrdinalIgnoreCase) =>
                    "invalid_state",
                _ => null,
            };
            if (reason is not null)
            {
                return reason;
            }
        }

        return Failed;
    }

    /// <summary>What the person is told; the code itself is not trusted for anything else.</summary>
    public static string Describe(string? reason) =>
        reason switch
        {
            AccessDenied => "Sign-in was cancelled at your identity provider. Nothing was changed.",
            "correlation_failed" or "invalid_state" =>
                "This sign-in did not start in this browser, or took too long. Nothing was signed in: start again from the sign-in page.",
            "provider_unreachable" => "Your identity provider did not answer. Nothing was signed in: try again in a moment.",
            _ => "Natero could not verify the answer of your identity provider, so nobody "
                + "was signed in. Try again; if it keeps happening, tell your administrator.",
        };
}
