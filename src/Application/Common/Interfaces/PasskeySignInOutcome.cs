namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>How a passkey sign-in ended; <see cref="User"/> is known when the passkey belongs to an account.</summary>
/// <param name="Problem">Why the passkey was refused, for the audit trail and the log: never the credential itself.</param>
public sealed record PasskeySignInOutcome(PasskeySignInResult Result, UserSummary? User, string? Problem = null);
