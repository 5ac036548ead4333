namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// Tokens and where to use them, as the provider returned them; held in memory only. A refresh may carry no refresh token.
/// </summary>
public sealed record TokenGrant(
    string AccessToken,
    string? RefreshToken,
    Uri InstanceUrl,
    Uri IdentityUrl,
    string Scopes,
    DateTimeOffset IssuedAt
)
{
    /// <summary>Never print tokens, not even by accident in a debugger or a log of the whole record.</summary>
    public override string ToString() => $"TokenGrant {{ InstanceUrl = {InstanceUrl}, Scopes = {Scopes} }}";
}
