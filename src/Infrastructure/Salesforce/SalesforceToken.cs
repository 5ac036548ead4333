namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>The token endpoint's 200 answer. Salesforce sends no expires_in; issued_at is in milliseconds.</summary>
internal sealed record SalesforceToken(
    string AccessToken,
    string? RefreshToken,
    string InstanceUrl,
    string Id,
    string IssuedAt,
    string Signature,
    string? Scope,
    string? TokenType
)
{
    public override string ToString() =>
        $"SalesforceToken {{ InstanceUrl = {InstanceUrl}, Id = {Id}, IssuedAt = {IssuedAt}, Scope = {Scope} }}";
}
