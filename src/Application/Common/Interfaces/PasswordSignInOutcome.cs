namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>How a password sign-in ended; <see cref="User"/> is known whenever the email has an account.</summary>
public sealed record PasswordSignInOutcome(PasswordSignInResult Result, UserSummary? User, bool LockedOutNow = false);
