namespace Natero.Connectors.Application.Common.Providers;

/// <summary>The tokens of one grant, in memory only, for a call that may need either (a revocation). Never printed.</summary>
public sealed record GrantTokens(string? AccessToken, string? RefreshToken)
{
    public override string ToString() => "GrantTokens { }";
}
