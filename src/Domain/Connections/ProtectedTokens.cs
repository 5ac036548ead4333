namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// Access and refresh token as stored: each an opaque, encrypted envelope that names its key. A null
/// refresh token keeps the one already stored (a provider may rotate it only when rotation is on).
/// </summary>
public sealed record ProtectedTokens(string AccessToken, string? RefreshToken, DateTimeOffset? IssuedAt = null);
