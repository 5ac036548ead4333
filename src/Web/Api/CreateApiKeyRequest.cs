namespace Natero.Connectors.Web.Api;

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
