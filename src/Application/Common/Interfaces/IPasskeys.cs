using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>
/// Passkeys (WebAuthn credentials), owned by the identity system. A ceremony has two steps: the options, which
/// the browser hands to its authenticator, and the credential the authenticator answers with. Between them the
/// ceremony's state (its challenge) waits in a short-lived protected cookie, spent by the second step.
/// </summary>
public interface IPasskeys
{
    /// <summary>The creation options (JSON) for a new passkey of this account.</summary>
    Task<Result<string>> BeginAddingAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Checks the authenticator's answer to <see cref="BeginAddingAsync"/> and keeps the passkey under this name.</summary>
    Task<Result<PasskeySummary>> AddAsync(Guid userId, string credentialJson, string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<PasskeySummary>> ListAsync(Guid userId, CancellationToken cancellationToken);

    Task<Result<PasskeySummary>> RemoveAsync(Guid userId, string passkeyId, CancellationToken cancellationToken);

    /// <summary>
    /// The request options (JSON) for a sign-in: any passkey of this site, or, at the second step of a password
    /// sign-in, only a passkey of the account whose password was just checked (false when there is none).
    /// </summary>
    Task<Result<string>> BeginSignInAsync(bool asSecondFactor, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the authenticator's answer to <see cref="BeginSignInAsync"/> and, for an account that may sign in, starts its session.
    /// </summary>
    Task<PasskeySignInOutcome> SignInAsync(string credentialJson, CancellationToken cancellationToken);
}
