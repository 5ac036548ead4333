using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// Where a WebAuthn ceremony waits between its two requests: the challenge (Identity's state) and the account it
/// is for, encrypted and signed in a cookie of its own that the second request spends. Identity's sign-in manager
/// would keep it in the two-factor cookie instead, which would forget a password already checked whenever
/// someone opened the passkey prompt at the second step and then cancelled it.
/// </summary>
internal sealed class PasskeyCeremonies(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Attestation = "attestation";
    public const string Assertion = "assertion";

    /// <summary>A little longer than the browser is asked to wait for the authenticator.</summary>
    public static readonly TimeSpan Lifetime = PasskeySettings.AuthenticatorTimeout + TimeSpan.FromMinutes(1);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Natero.Passkeys.Ceremony");

    public void Start(HttpContext context, string operation, string state, Guid? userId)
    {
        var ceremony = new Ceremony(operation, state, userId, time.GetUtcNow() + Lifetime);
        context.Response.Cookies.Append(CookieName(context), _protector.Protect(JsonSerializer.Serialize(ceremony)), Options(context));
    }

    /// <summary>
    /// The ceremony of this kind that the browser is in, or null (none, another kind, expired, tampered with). Spent either way.
    /// </summary>
    public Ceremony? Take(HttpContext context, string operation)
    {
        var name = CookieName(context);
        if (!context.Request.Cookies.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        context.Response.Cookies.Delete(name, Options(context));
        try
        {
            var ceremony = JsonSerializer.Deserialize<Ceremony>(_protector.Unprotect(value));
            return ceremony is not null && ceremony.Operation == operation && ceremony.ExpiresAt > time.GetUtcNow() ? ceremony : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    private static string CookieName(HttpContext context) => context.Request.IsHttps ? "__Host-natero-passkey" : "natero-passkey";

    private static CookieOptions Options(HttpContext context) =>
        new()
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            MaxAge = Lifetime,
        };

    internal sealed record Ceremony(string Operation, string State, Guid? UserId, DateTimeOffset ExpiresAt);
}
