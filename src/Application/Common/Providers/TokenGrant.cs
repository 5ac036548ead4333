namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// Tokens and where to use them, as the provider returned them; held in memory only. A refresh may carry no refresh token.
/// </summary>
/// <param name="InstanceUrl">Where the account's API lives.</param>
/// <param name="IdentityUrl">Where the provider describes the account, when its answer names a place (an identity URL).</param>
/// <param name="ExpiresIn">How long the access token lasts, when the provider said (expires_in).</param>
public sealed record TokenGrant(
    string AccessToken,
    string? RefreshToken,
    Uri InstanceUrl,
    Uri? IdentityUrl,
    string Scopes,
    DateTimeOffset IssuedAt,
    TimeSpan? ExpiresIn = null
)
{
    public DateTimeOffset? ExpiresAt => IssuedAt + ExpiresIn;

    /// <summary>Never print tokens, not even by accident in a debugger or a log of the whole record.</summary>
    public override string ToString() => $"TokenGrant {{ InstanceUrl = {InstanceUrl}, Scopes = {Scopes} }}";
}
