namespace Natero.Connectors.Application.ApiKeys;

/// <summary>A key just created: the only time its plaintext is seen.</summary>
public sealed record CreatedApiKeyDto(
    Guid Id,
    string Name,
    string DisplayPrefix,
    string Plaintext,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt
);
