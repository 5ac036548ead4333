namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>How the second step of a sign-in ended; <see cref="User"/> is the account waiting for it, when there is one.</summary>
public sealed record SecondFactorSignInOutcome(PasswordSignInResult Result, UserSummary? User, int RecoveryCodesLeft = 0);
