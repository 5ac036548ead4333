namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// Access and refresh token as stored: each an opaque, encrypted envelope that names its key. A null
/// refresh token keeps the one already stored (a provider may rotate it only when rotation is on).
/// <paramref name="ExpiresAt"/> is when the provider said the access token ends, when it said so.
/// </summary>
public sealed record ProtectedTokens(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? ExpiresAt = null
);
