using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>Who signed in, and how many recovery codes they have left (worth a warning when few).</summary>
public sealed record SecondFactorSignedIn(UserSummary User, int RecoveryCodesLeft);
