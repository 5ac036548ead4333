namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// One refused key: what it showed of itself (its display prefix, or <see cref="ApiKeyRefusals.Malformed"/>),
/// from where, why (the code the caller was given), and whose it is when it is a known key.
/// </summary>
public sealed record ApiKeyRefusal(string Prefix, string? Address, string Reason, Guid? KeyId = null, Guid? TenantId = null);
