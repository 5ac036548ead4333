namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// What a provider says about the account beyond who authorized it: its name and edition, and how much of
/// its daily API allowance is left. Any of them may be unknown (null) when the provider does not report it.
/// </summary>
public sealed record AccountReadiness(string? AccountName, string? Edition, long? ApiRequestsMax, long? ApiRequestsRemaining)
{
    public static AccountReadiness Unknown { get; } = new(null, null, null, null);
}
