using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// How this site asks for passkeys. <c>Authentication:Passkeys:ServerDomain</c> is the WebAuthn relying party id:
/// the host name (no scheme, no port) the passkeys are bound to; left empty, each request's own host. Browsers
/// offer WebAuthn only in a secure context (https, or http on localhost) and never for an IP address.
/// </summary>
internal static class PasskeySettings
{
    public const string ServerDomainKey = "Authentication:Passkeys:ServerDomain";

    public static readonly TimeSpan AuthenticatorTimeout = TimeSpan.FromMinutes(3);

    public static void Apply(IdentityPasskeyOptions options, IConfiguration configuration)
    {
        options.ServerDomain = configuration[ServerDomainKey] is { Length: > 0 } domain ? domain.Trim() : null;
        options.AuthenticatorTimeout = AuthenticatorTimeout;

        // A passkey counts as a second factor, and signs in on its own, only because the authenticator checked
        // the person (PIN, fingerprint, face); and signing in without an email needs a discoverable credential.
        options.UserVerificationRequirement = "required";
        options.ResidentKeyRequirement = "required";
    }
}
