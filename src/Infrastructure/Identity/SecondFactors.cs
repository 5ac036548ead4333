using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// What counts as a second factor: a confirmed authenticator app or a passkey. Identity keeps the authenticator
/// key and the recovery codes; a key being enrolled is marked pending until its first code confirms it, and a
/// pending key signs nobody in. Identity's two-factor switch follows: on while the account has a factor.
/// </summary>
internal static class SecondFactors
{
    public const string TokenProvider = "[Natero]";
    public const string PendingToken = "AuthenticatorPending";
    public const string LastCodeToken = "AuthenticatorUsedCodes";
    public const int RecoveryCodeCount = 10;

    public static async Task<bool> HasAuthenticatorAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
        && await users.GetAuthenticationTokenAsync(user, TokenProvider, PendingToken) is null;

    public static async Task<int> PasskeyCountAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        users.SupportsUserPasskey ? (await users.GetPasskeysAsync(user)).Count : 0;

    public static async Task<bool> HasAnyAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        await HasAuthenticatorAsync(users, user) || await PasskeyCountAsync(users, user) > 0;

    /// <summary>Turns Identity's two-factor requirement on while the account has a factor, off when it has none.</summary>
    public static async Task SyncAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var has = await HasAnyAsync(users, user);
        if (user.TwoFactorEnabled != has)
        {
            await users.SetTwoFactorEnabledAsync(user, has);
        }

        if (!has)
        {
            // Recovery codes stand in for a factor; with none left to stand in for, they go too.
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        }
    }
}

/// <summary>
/// Identity's authenticator (TOTP, RFC 6238) provider, refusing what it would otherwise accept twice: a code
/// already used for this account (within the window it stays valid), and any code of a key still pending.
/// Only a hash of the last used code is kept; the account's concurrency stamp makes two racing uses of one
/// code succeed once.
/// </summary>
internal sealed class OneTimeAuthenticatorTokenProvider(TimeProvider time) : AuthenticatorTokenProvider<ApplicationUser>
{
    public const string ConfirmPurpose = "ConfirmAuthenticator";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        var pending = await manager.GetAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.PendingToken) is not null;
        if (pending != string.Equals(purpose, ConfirmPurpose, StringComparison.Ordinal))
        {
            return false;
        }

        var code = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await base.ValidateAsync(purpose, code, manager, user))
        {
            return false;
        }

        // A code is valid for a few 30-second steps either side of now: the codes used in the last minutes are
        // remembered (as hashes), and none of them is taken again.
        var now = time.GetUtcNow();
        var fingerprint = Fingerprint(user, code);
        var recent = UsedCodes
            .Parse(await manager.GetAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.LastCodeToken))
            .Where(u => now - u.At < UsedCodes.Remembered)
            .ToList();
        if (
            recent.Any(u =>
                CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(u.Fingerprint), Encoding.ASCII.GetBytes(fingerprint))
            )
        )
        {
            return false;
        }

        recent.Add((now, fingerprint));
        var stored = await manager.SetAuthenticationTokenAsync(
            user,
            SecondFactors.TokenProvider,
            SecondFactors.LastCodeToken,
            UsedCodes.Format(recent)
        );
        return stored.Succeeded;
    }

    private static string Fingerprint(ApplicationUser user, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id:N}:{code}")));
}

/// <summary>The codes an account used lately: <c>unixSeconds:sha256hex</c>, comma-separated.</summary>
internal static class UsedCodes
{
    /// <summary>Longer than any code stays valid (two 30-second steps either side of now).</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    public static IEnumerable<(DateTimeOffset At, string Fingerprint)> Parse(string? stored)
    {
        foreach (var entry in (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (
                entry.Split(':') is [var at, var fingerprint]
                && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            )
            {
                yield return (DateTimeOffset.FromUnixTimeSeconds(seconds), fingerprint);
            }
        }
    }

    public static string Format(IEnumerable<(DateTimeOffset At, string Fingerprint)> used) =>
        string.Join(',', used.Select(u => $"{u.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{u.Fingerprint}"));
}
