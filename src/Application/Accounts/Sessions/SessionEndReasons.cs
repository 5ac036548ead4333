using System.Globalization;

namespace Natero.Connectors.Application.Accounts.Sessions;

/// <summary>Why a session ended, as recorded on its row and shown to its owner.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed_out";
    public const string EndedByOwner = "ended_by_owner";
    public const string EndedByAdmin = "ended_by_admin";
    public const string FactorChanged = "factor_changed";

    /// <summary>The audit data of a change that ended other sessions.</summary>
    public static IReadOnlyDictionary<string, string?> Ended(int count) =>
        new Dictionary<string, string?> { ["sessions_ended"] = count.ToString(CultureInfo.InvariantCulture) };
}
