using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// Passwords and sessions, owned by the identity system: signing in (which sets the session cookie),
/// changing and resetting a password (which ends the account's other sessions), and accounts created by
/// the person who will use them. Passwords and reset tokens pass through here and go nowhere else.
/// </summary>
public interface IAccounts
{
    Task<PasswordSignInOutcome> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the password as a sign-in would (a wrong one counts towards the lockout) but starts no session:
    /// <see cref="PasswordSignInResult.SignedIn"/> then means only that the password is right.
    /// </summary>
    Task<PasswordSignInOutcome> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Starts a session for the account in the current request (after it was created or its password reset).</summary>
    Task SignInAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Needs the current password; ends every other session of the account and keeps this one.</summary>
    Task<Result> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>A single-use reset token for the account of this email (valid one hour), or null when there is none.</summary>
    Task<(UserSummary User, string Token)?> CreatePasswordResetTokenAsync(string email, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a reset token; the token then stops working and other sessions end.</summary>
    Task<Result<UserSummary>> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken);

    /// <summary>An account with the password its owner chose; the email counts as confirmed (the link came to it).</summary>
    Task<Result<UserSummary>> CreateAccountAsync(string email, string password, string? displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Disables the account (it signs in no more, its sessions end, and its API keys stop) or enables it again.
    /// A lockout after wrong passwords is another thing: it passes, and leaves the keys alone.
    /// </summary>
    Task<Result<UserSummary>> SetDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken);

    /// <summary>The account whose password was right and whose second factor this browser is asked for, if any.</summary>
    Task<UserSummary?> GetSecondFactorPendingUserAsync(CancellationToken cancellationToken);

    /// <summary>The second step of a sign-in: an authenticator code or a recovery code (spent by its use).</summary>
    Task<SecondFactorSignInOutcome> SecondFactorSignInAsync(SecondFactorKind kind, string code, CancellationToken cancellationToken);

    Task<SecondFactorState> GetSecondFactorsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// A key for a new authenticator app, pending until <see cref="ConfirmAuthenticatorAsync"/>; the same one until then.
    /// </summary>
    Task<Result<AuthenticatorSetup>> StartAuthenticatorAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Confirms the pending key with one of its codes; returns ten new recovery codes, to be shown once.</summary>
    Task<Result<IReadOnlyList<string>>> ConfirmAuthenticatorAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Removes the authenticator app; needs a fresh code from it.</summary>
    Task<Result> RemoveAuthenticatorAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Ten new recovery codes replacing the old ones, to be shown once.</summary>
    Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every open session of the account but the current request's (none when there is no browser), and
    /// renews the current cookie so that it carries the account's factors as they are now.
    /// </summary>
    Task<int> EndOtherSessionsAsync(Guid userId, string reason, CancellationToken cancellationToken);

    /// <summary>The password rules' complaints about a candidate password, empty when it is acceptable.</summary>
    Task<IReadOnlyList<string>> CheckPasswordAsync(string password, CancellationToken cancellationToken);
}
