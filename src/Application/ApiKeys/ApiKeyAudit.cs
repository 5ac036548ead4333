using System.Globalization;
using Natero.Connectors.Domain.ApiKeys;

namespace Natero.Connectors.Application.ApiKeys;

/// <summary>What the audit trail says about a key: what it may do, until when, and what made it; never its secret nor its hash.</summary>
internal static class ApiKeyAudit
{
    public static string Target(Guid id) => $"api_key:{id}";

    public static Dictionary<string, string?> Facts(ApiKey key) =>
        new(StringComparer.Ordinal)
        {
            ["name"] = key.Name,
            ["prefix"] = key.Prefix,
            ["scopes"] = string.Join(' ', key.Scopes.Order(StringComparer.Ordinal)),
            ["expires_at"] = key.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["parent_key_id"] = key.ParentKeyId?.ToString(),
        };
}
