namespace Natero.Connectors.Application.Common.Interfaces;

/// <param name="Disabled">Natero staff disabled the account: it signs in no more and its API keys stop.</param>
/// <param name="HasSecondFactor">The account has an authenticator app or a passkey.</param>
public sealed record UserSummary(Guid Id, string Email, string DisplayName, bool Disabled = false, bool HasSecondFactor = false);
