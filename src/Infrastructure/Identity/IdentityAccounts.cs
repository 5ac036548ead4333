using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// <see cref="IAccounts"/> on ASP.NET Core Identity. Reset tokens are Identity's own (Data Protection,
/// bound to the security stamp, so a reset or password change spends them); the link carries the user id
/// and the token together, base64url-encoded.
/// </summary>
internal sealed class IdentityAccounts(IServiceProvider services) : IAccounts
{
    private UserManager<ApplicationUser> Users => services.GetRequiredService<UserManager<ApplicationUser>>();

    private SignInManager<ApplicationUser> SignIns => services.GetRequiredService<SignInManager<ApplicationUser>>();

    /// <summary>Whether a browser holds a session here: not in work started outside a request (a test, a command line).</summary>
    private bool HasBrowser => services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()?.HttpContext is not null;

    public async Task<PasswordSignInOutcome> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await Users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // The same hashing work as a real check, so that an unknown email takes as long as a wrong password.
            Users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, password);
            return new PasswordSignInOutcome(PasswordSignInResult.UnknownAccount, null);
        }

        if (UserDirectory.IsDisabled(user))
        {
            // Only the account's owner (who knows the password) learns that it is disabled.
            var owner = await Users.CheckPasswordAsync(user, password);
            return new PasswordSignInOutcome(
                owner ? PasswordSignInResult.Disabled : PasswordSignInResult.WrongPassword,
                UserDirectory.ToSummary(user)
            );
        }

        var wasLockedOut = await Users.IsLockedOutAsync(user);
        var result = await SignIns.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var summary = UserDirectory.ToSummary(user);
        if (result.Succeeded)
        {
            return new PasswordSignInOutcome(PasswordSignInResult.SignedIn, summary);
        }

        if (result.IsLockedOut)
        {
            return new PasswordSignInOutcome(PasswordSignInResult.LockedOut, summary, LockedOutNow: !wasLockedOut);
        }

        if (result.RequiresTwoFactor)
        {
            return new PasswordSignInOutcome(PasswordSignInResult.RequiresSecondFactor, summary);
        }

        return new PasswordSignInOutcome(
            result.IsNotAllowed ? PasswordSignInResult.NotAllowed : PasswordSignInResult.WrongPassword,
            summary
        );
    }

    public async Task<PasswordSignInOutcome> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await Users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            Users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, password);
            return new PasswordSignInOutcome(PasswordSignInResult.UnknownAccount, null);
        }

        var summary = UserDirectory.ToSummary(user);
        if (UserDirectory.IsDisabled(user))
        {
            var owner = await Users.CheckPasswordAsync(user, password);
            return new PasswordSignInOutcome(owner ? PasswordSignInResult.Disabled : PasswordSignInResult.WrongPassword, summary);
        }

        var wasLockedOut = await Users.IsLockedOutAsync(user);
        var result = await SignIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return result switch
        {
            { Succeeded: true } => new PasswordSignInOutcome(PasswordSignInResult.SignedIn, summary),
            { IsLockedOut: true } => new PasswordSignInOutcome(PasswordSignInResult.LockedOut, summary, LockedOutNow: !wasLockedOut),
            { IsNotAllowed: true } => new PasswordSignInOutcome(PasswordSignInResult.NotAllowed, summary),
            _ => new PasswordSignInOutcome(PasswordSignInResult.WrongPassword, summary),
        };
    }

    public async Task SignInAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!HasBrowser)
        {
            return;
        }

        var user = await Users.FindByIdAsync(userId.ToString())
            ?? throw new InvalidOperationException("The account to sign in does not exist.");
        await SignIns.SignInAsync(user, isPersistent: false);
    }

    public async Task<Result> ChangePasswordAsync(
        Guid userId,
        string currentPassword,
        string newPassword,
        CancellationToken cancellationToken
    )
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        var changed = await Users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? Error.Invalid("wrong_password", "Your current password is not right.") with
                {
                    Fields = new Dictionary<string, string[]> { ["CurrentPassword"] = ["Your current password is not right."] },
                }
                : PasswordRejected(changed);
        }

        // The other sessions end now; this one gets a cookie with the new security stamp.
        await EndSessionsAsync(userId, CurrentSessionId, "password_changed", cancellationToken);
        if (HasBrowser)
        {
            await SignIns.RefreshSignInAsync(user);
        }

        return Result.Success();
    }

    public async Task<(UserSummary User, string Token)?> CreatePasswordResetTokenAsync(string email, CancellationToken cancellationToken)
    {
        var user = await Users.FindByEmailAsync(email.Trim());
        if (user is null || UserDirectory.IsDisabled(user))
        {
            return null;
        }

        var token = await Users.GeneratePasswordResetTokenAsync(user);
        var link = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{user.Id:N}:{token}"));
        return (UserDirectory.ToSummary(user), link);
    }

    public async Task<Result<UserSummary>> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        var invalid = Error.Invalid(
            "invalid_reset_link",
            "This reset link is not valid any more. It works once, for one hour: ask for a new one."
        );
        if (!TryDecode(token, out var userId, out var identityToken))
        {
            return invalid;
        }

        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null || UserDirectory.IsDisabled(user))
        {
            return invalid;
        }

        var reset = await Users.ResetPasswordAsync(user, identityToken, newPassword);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? invalid : PasswordRejected(reset);
        }

        // Whoever could not sign in may again: the lockout of the guesses that led here ends with the reset.
        await Users.SetLockoutEndDateAsync(user, null);
        await Users.ResetAccessFailedCountAsync(user);
        await EndSessionsAsync(user.Id, except: null, "password_reset", cancellationToken);
        return UserDirectory.ToSummary(user);
    }

    public async Task<Result<UserSummary>> CreateAccountAsync(
        string email,
        string password,
        string? displayName,
        CancellationToken cancellationToken
    )
    {
        var trimmed = email.Trim();
        var user = new ApplicationUser
        {
            UserName = trimmed,
            Email = trimmed,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
        };
        var created = await Users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e =>
                e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
            )
                ? Error.Conflict("account_exists", "An account with this email exists already: sign in to accept.")
                : PasswordRejected(created);
        }

        return UserDirectory.ToSummary(user);
    }

    public async Task<Result<UserSummary>> SetDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken)
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? UserDirectory.DisabledUntil : null);
        await users.ResetAccessFailedCountAsync(user);

        // Every session of the account ends, and a new security stamp makes sure of it.
        await users.UpdateSecurityStampAsync(user);
        if (disabled)
        {
            await EndSessionsAsync(user.Id, except: null, "account_disabled", cancellationToken);
        }

        return UserDirectory.ToSummary(user);
    }

    public async Task<IReadOnlyList<string>> CheckPasswordAsync(string password, CancellationToken cancellationToken)
    {
        var users = Users;
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new ApplicationUser(), password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        return problems;
    }

    public async Task<UserSummary?> GetSecondFactorPendingUserAsync(CancellationToken cancellationToken) =>
        HasBrowser && await SignIns.GetTwoFactorAuthenticationUserAsync() is { } user ? UserDirectory.ToSummary(user) : null;

    public async Task<SecondFactorSignInOutcome> SecondFactorSignInAsync(
        SecondFactorKind kind,
        string code,
        CancellationToken cancellationToken
    )
    {
        var user = HasBrowser ? await SignIns.GetTwoFactorAuthenticationUserAsync() : null;
        if (user is null)
        {
            return new SecondFactorSignInOutcome(PasswordSignInResult.NotAllowed, null);
        }

        var summary = UserDirectory.ToSummary(user);
        if (UserDirectory.IsDisabled(user))
        {
            return new SecondFactorSignInOutcome(PasswordSignInResult.Disabled, summary);
        }

        var result =
            kind == SecondFactorKind.AuthenticatorCode
                ? await SignIns.TwoFactorAuthenticatorSignInAsync(NormaliseCode(code), isPersistent: false, rememberClient: false)
                : await SignIns.TwoFactorRecoveryCodeSignInAsync(NormaliseRecoveryCode(code));
        if (result.Succeeded)
        {
            return new SecondFactorSignInOutcome(PasswordSignInResult.SignedIn, summary, await Users.CountRecoveryCodesAsync(user));
        }

        return new SecondFactorSignInOutcome(
            result.IsLockedOut ? PasswordSignInResult.LockedOut : PasswordSignInResult.WrongPassword,
            summary
        );
    }

    public async Task<SecondFactorState> GetSecondFactorsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException("The account does not exist.");
        var hasKey = !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        var confirmed = await SecondFactors.HasAuthenticatorAsync(users, user);
        return new SecondFactorState(
            confirmed,
            hasKey && !confirmed,
            await users.CountRecoveryCodesAsync(user),
            await SecondFactors.PasskeyCountAsync(users, user)
        );
    }

    public async Task<Result<AuthenticatorSetup>> StartAuthenticatorAsync(Guid userId, CancellationToken cancellationToken)
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        if (await SecondFactors.HasAuthenticatorAsync(users, user))
        {
            return Error.Conflict("authenticator_exists", "An authenticator app is set up already. Remove it first to set up another.");
        }

        // Kept until confirmed, so that reloading the page shows the key already scanned. Stored without a new
        // security stamp: nothing signs in with a pending key, and this session must stay.
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            var keys = (IUserAuthenticatorKeyStore<ApplicationUser>)services.GetRequiredService<IUserStore<ApplicationUser>>();
            await keys.SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.SetAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.PendingToken, "true");
        }

        return new AuthenticatorSetup(FormatKey(key), AuthenticatorUri(user.Email ?? user.UserName ?? user.Id.ToString(), key));
    }

    public async Task<Result<IReadOnlyList<string>>> ConfirmAuthenticatorAsync(
        Guid userId,
        string code,
        CancellationToken cancellationToken
    )
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        if (await users.GetAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.PendingToken) is null)
        {
            return Error.Conflict(
                "no_pending_authenticator",
                "Start setting up the authenticator app again: there is none waiting for a code."
            );
        }

        if (
            !await users.VerifyUserTokenAsync(
                user,
                TokenOptions.DefaultAuthenticatorProvider,
                OneTimeAuthenticatorTokenProvider.ConfirmPurpose,
                NormaliseCode(code)
            )
        )
        {
            return WrongCode();
        }

        await users.RemoveAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.PendingToken);
        await SecondFactors.SyncAsync(users, user);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactors.RecoveryCodeCount);
        return Result<IReadOnlyList<string>>.Success([.. codes ?? []]);
    }

    public async Task<Result> RemoveAuthenticatorAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        if (!await SecondFactors.HasAuthenticatorAsync(users, user))
        {
            return Error.Conflict("no_authenticator", "There is no authenticator app to remove.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, NormaliseCode(code)))
        {
            return WrongCode();
        }

        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(user, SecondFactors.TokenProvider, SecondFactors.LastCodeToken);
        await SecondFactors.SyncAsync(users, user);
        return Result.Success();
    }

    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(Guid userId, CancellationToken cancellationToken)
    {
        var users = Users;
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        if (!await SecondFactors.HasAnyAsync(users, user))
        {
            return Error.Conflict(
                "no_second_factor",
                "Recovery codes stand in for a second factor: set up an authenticator app or a passkey first."
            );
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, SecondFactors.RecoveryCodeCount);
        return Result<IReadOnlyList<string>>.Success([.. codes ?? []]);
    }

    public async Task<int> EndOtherSessionsAsync(Guid userId, string reason, CancellationToken cancellationToken)
    {
        var current = CurrentSessionId;
        var ended = await EndSessionsAsync(userId, current, reason, cancellationToken);
        if (HasBrowser && current is not null && await Users.FindByIdAsync(userId.ToString()) is { } user)
        {
            // The same session, with a cookie that says what the account's factors are now.
            await SignIns.RefreshSignInAsync(user);
        }

        return ended;
    }

    private Guid? CurrentSessionId => services.GetService<ICurrentUser>()?.SessionId;

    private Task<int> EndSessionsAsync(Guid userId, Guid? except, string reason, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return services
            .GetRequiredService<IApplicationDbContext>()
            .SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    private static Error WrongCode() =>
        Error.Invalid("wrong_code", "That code is not right. Enter the 6-digit code your authenticator app shows now.") with
        {
            Fields = new Dictionary<string, string[]>
            {
                ["Code"] = ["That code is not right. Enter the 6-digit code your authenticator app shows now."],
            },
        };

    private static string NormaliseCode(string code) => new([.. code.Where(char.IsAsciiDigit)]);

    /// <summary>Recovery codes as Identity makes them (<c>XXXXX-XXXXX</c>), however they were typed.</summary>
    private static string NormaliseRecoveryCode(string code)
    {
        var plain = new string([.. code.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        return plain.Length == 10 ? $"{plain[..5]}-{plain[5..]}" : code.Trim();
    }

    /// <summary>The key in groups of four, lower case, as authenticator apps ask to type it.</summary>
    private static string FormatKey(string key) => string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    private static string AuthenticatorUri(string account, string key)
    {
        var issuer = Uri.EscapeDataString("Natero Connectors");
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={issuer}&digits=6";
    }

    private static Error PasswordRejected(IdentityResult result)
    {
        var message = string.Join(" ", result.Errors.Select(e => e.Description));
        return Error.Invalid("password_rejected", message) with
        {
            Fields = new Dictionary<string, string[]> { ["NewPassword"] = [.. result.Errors.Select(e => e.Description)] },
        };
    }

    private static bool TryDecode(string token, out Guid userId, out string identityToken)
    {
        userId = Guid.Empty;
        identityToken = string.Empty;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !Guid.TryParseExact(text[..colon], "N", out userId))
            {
                return false;
            }

            identityToken = text[(colon + 1)..];
            return identityToken.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A hash of a random password, made once, to verify against when there is no account.</summary>
    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<ApplicationUser>().HashPassword(
            new ApplicationUser(),
            PasswordGenerator.Generate()
        );
    }
}
