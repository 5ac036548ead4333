using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Identity;

/// <summary>
/// <see cref="IPasskeys"/> on ASP.NET Core Identity's WebAuthn support: its passkey handler checks every
/// attestation and assertion (challenge, origin, relying party, user verification, signature, sign count), its
/// user store keeps the passkeys, and <see cref="PasskeyCeremonies"/> holds a ceremony between its two requests.
/// </summary>
internal sealed partial class IdentityPasskeys(
    IServiceProvider services,
    IHttpContextAccessor http,
    PasskeyCeremonies ceremonies,
    ILogger<IdentityPasskeys> logger
) : IPasskeys
{
    public const int MaxPerAccount = 20;

    /// <summary>How the session says it was started, for the sessions list and the audit trail.</summary>
    public const string Method = "passkey";

    private UserManager<ApplicationUser> Users => services.GetRequiredService<UserManager<ApplicationUser>>();

    private SignInManager<ApplicationUser> SignIns => services.GetRequiredService<SignInManager<ApplicationUser>>();

    private IPasskeyHandler<ApplicationUser> Handler => services.GetRequiredService<IPasskeyHandler<ApplicationUser>>();

    private HttpContext Context =>
        http.HttpContext ?? throw new InvalidOperationException("A passkey ceremony runs in a browser's request.");

    public async Task<Result<string>> BeginAddingAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        if ((await Users.GetPasskeysAsync(user)).Count >= MaxPerAccount)
        {
            return TooMany();
        }

        var email = user.Email ?? user.UserName ?? user.Id.ToString();
        var entity = new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = email,
            DisplayName = user.DisplayName ?? email,
        };
        var options = await Handler.MakeCreationOptionsAsync(entity, Context);
        ceremonies.Start(Context, PasskeyCeremonies.Attestation, options.AttestationState ?? string.Empty, user.Id);
        return options.CreationOptionsJson;
    }

    public async Task<Result<PasskeySummary>> AddAsync(Guid userId, string credentialJson, string name, CancellationToken cancellationToken)
    {
        var ceremony = ceremonies.Take(Context, PasskeyCeremonies.Attestation);
        if (ceremony is null || ceremony.UserId != userId)
        {
            return Error.Invalid("passkey_expired", "Adding the passkey took too long, or was started elsewhere. Try again.");
        }

        var user = await Users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Error.NotFound("Account");
        }

        var attestation = await Handler.PerformAttestationAsync(
            new PasskeyAttestationContext
            {
                HttpContext = Context,
                CredentialJson = credentialJson,
                AttestationState = ceremony.State,
            }
        );
        if (!attestation.Succeeded)
        {
            LogRefused(logger, "attestation", userId, attestation.Failure.Message);
            return Error.Invalid("passkey_refused", "Your browser's passkey was not accepted. Try again.");
        }

        if (attestation.UserEntity.Id != user.Id.ToString())
        {
            return Error.Invalid("passkey_refused", "This passkey was made for another account.");
        }

        if ((await Users.GetPasskeysAsync(user)).Count >= MaxPerAccount)
        {
            return TooMany();
        }

        var passkey = attestation.Passkey;
        passkey.Name = name;
        var saved = await Users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!saved.Succeeded)
        {
            return Error.Conflict("passkey_not_saved", string.Join(" ", saved.Errors.Select(e => e.Description)));
        }

        await SecondFactors.SyncAsync(Users, user);
        return ToSummary(passkey);
    }

    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        return user is null ? [] : [.. (await Users.GetPasskeysAsync(user)).Select(ToSummary)];
    }

    public async Task<Result<PasskeySummary>> RemoveAsync(Guid userId, string passkeyId, CancellationToken cancellationToken)
    {
        var user = await Users.FindByIdAsync(userId.ToString());
        if (
            user is null
            || !TryDecode(passkeyId, out var credentialId)
            || await Users.GetPasskeyAsync(user, credentialId) is not { } passkey
        )
        {
            return Error.NotFound("Passkey");
        }

        var removed = await Users.RemovePasskeyAsync(user, credentialId);
        if (!removed.Succeeded)
        {
            return Error.Conflict("passkey_not_removed", string.Join(" ", removed.Errors.Select(e => e.Description)));
        }

        await SecondFactors.SyncAsync(Users, user);
        return ToSummary(passkey);
    }

    public async Task<Result<string>> BeginSignInAsync(bool asSecondFactor, CancellationToken cancellationToken)
    {
        ApplicationUser? user = null;
        if (asSecondFactor)
        {
            // The account whose password was just checked: only its passkeys will do.
            user = await SignIns.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
            {
                return new Error(
                    ErrorKind.Unauthorized,
                    "sign_in_expired",
                    "Your sign-in took too long. Enter your email and password again."
                );
            }
        }

        var options = await Handler.MakeRequestOptionsAsync(user, Context);
        ceremonies.Start(Context, PasskeyCeremonies.Assertion, options.AssertionState ?? string.Empty, user?.Id);
        return options.RequestOptionsJson;
    }

    public async Task<PasskeySignInOutcome> SignInAsync(string credentialJson, CancellationToken cancellationToken)
    {
        var ceremony = ceremonies.Take(Context, PasskeyCeremonies.Assertion);
        if (ceremony is null)
        {
            return new PasskeySignInOutcome(
                PasskeySignInResult.Refused,
                null,
                "No passkey sign-in was under way in this browser (expired, or already used)."
            );
        }

        var assertion = await Handler.PerformAssertionAsync(
            new PasskeyAssertionContext
            {
                HttpContext = Context,
                CredentialJson = credentialJson,
                AssertionState = ceremony.State,
            }
        );
        if (!assertion.Succeeded)
        {
            LogRefused(logger, "assertion", ceremony.UserId, assertion.Failure.Message);
            var owner = ceremony.UserId is { } expected ? await Users.FindByIdAsync(expected.ToString()) : null;
            return new PasskeySignInOutcome(
                PasskeySignInResult.Refused,
                owner is null ? null : UserDirectory.ToSummary(owner),
                "The passkey was not accepted."
            );
        }

        var user = assertion.User;
        var summary = UserDirectory.ToSummary(user);
        if (UserDirectory.IsDisabled(user))
        {
            return new PasskeySignInOutcome(PasskeySignInResult.Disabled, summary);
        }

        if (!await SignIns.CanSignInAsync(user))
        {
            return new PasskeySignInOutcome(PasskeySignInResult.Refused, summary, "The account may not sign in.");
        }

        // The new sign count is what tells a cloned authenticator from the real one next time.
        var updated = await Users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        if (!updated.Succeeded)
        {
            return new PasskeySignInOutcome(PasskeySignInResult.Refused, summary, "The passkey's use could not be recorded.");
        }

        // Whoever signs in like this proved more than a password: the count of wrong guesses starts again, and a
        // password step waiting for its second factor is complete.
        await Users.ResetAccessFailedCountAsync(user);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignIns.SignInWithClaimsAsync(
            user,
            isPersistent: false,
            [new Claim(ClaimTypes.AuthenticationMethod, Method), new Claim("amr", "mfa")]
        );
        return new PasskeySignInOutcome(PasskeySignInResult.SignedIn, summary);
    }

    private static Error TooMany() =>
        Error.Conflict("too_many_passkeys", $"An account holds at most {MaxPerAccount} passkeys. Remove one you no longer use first.");

    private static PasskeySummary ToSummary(UserPasskeyInfo passkey) =>
        new(
            WebEncoders.Base64UrlEncode(passkey.CredentialId),
            string.IsNullOrWhiteSpace(passkey.Name) ? "Passkey" : passkey.Name,
            passkey.CreatedAt
        );

    private static bool TryDecode(string passkeyId, out byte[] credentialId)
    {
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(passkeyId);
            return credentialId.Length is > 0 and <= 1023;
        }
        catch (FormatException)
        {
            credentialId = [];
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A passkey {Ceremony} for user {UserId} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string ceremony, Guid? userId, string reason);
}
