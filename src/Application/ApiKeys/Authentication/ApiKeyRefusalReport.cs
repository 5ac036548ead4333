namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// Refusals to write as one audit event: <see cref="Count"/> refusals of <see cref="Prefix"/> from
/// <see cref="Address"/> for <see cref="Reason"/> in the window that opened at <see cref="WindowStart"/>, since
/// the window's previous event.
/// </summary>
public sealed record ApiKeyRefusalReport(
    string Prefix,
    string Address,
    string Reason,
    Guid? KeyId,
    Guid? TenantId,
    DateTimeOffset WindowStart,
    int Count
);
