using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// Identity's EF Core store, keeping recovery codes as salted PBKDF2 hashes instead of the plain text Identity
/// stores: a copy of the database does not give away codes that sign in without the second factor.
/// </summary>
internal sealed class AccountUserStore(ApplicationDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<ApplicationUser, ApplicationRole, ApplicationDbContext, Guid>(context, describer)
{
    // Identity's own names for where the codes live.
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(ApplicationUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(
            user,
            InternalLoginProvider,
            RecoveryCodeTokenName,
            string.Join(';', recoveryCodes.Select(c => RecoveryCodeHash.Of(user.Id, c))),
            cancellationToken
        );

    public override async Task<bool> RedeemCodeAsync(ApplicationUser user, string code, CancellationToken cancellationToken)
    {
        var stored = (await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? string.Empty).Split(
            ';',
            StringSplitOptions.RemoveEmptyEntries
        );
        var hash = RecoveryCodeHash.Of(user.Id, code);
        var match = stored.FirstOrDefault(s =>
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(hash))
        );
        if (match is null)
        {
            return false;
        }

        await SetTokenAsync(
            user,
            InternalLoginProvider,
            RecoveryCodeTokenName,
            string.Join(';', stored.Where(s => !ReferenceEquals(s, match))),
            cancellationToken
        );
        return true;
    }
}

/// <summary>PBKDF2-SHA256 of a recovery code, salted with its account: one derivation per use, whatever the number of codes.</summary>
internal static class RecoveryCodeHash
{
    private const int Iterations = 10_000;

    public static string Of(Guid userId, string code) =>
        Convert.ToHexString(
            Rfc2898DeriveBytes.Pbkdf2(
                Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant()),
                userId.ToByteArray(),
                Iterations,
                HashAlgorithmName.SHA256,
                32
            )
        );
}
