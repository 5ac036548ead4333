using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// Endpoint metadata: a successful answer shows a secret once (a new key's plaintext, a new account's
/// password), so that an <c>Idempotency-Key</c> replay must not show it again (S20). The kept first answer
/// drops the top-level <see cref="Fields"/>; with <see cref="Reread"/>, it keeps nothing but the created
/// resource's <c>id</c>, and a replay answers the resource as the caller may see it now.
/// </summary>
internal sealed class SecretBearing(params string[] fields)
{
    private const string IdField = "id";

    /// <summary>The JSON properties of the answer that hold the secret.</summary>
    public IReadOnlyList<string> Fields { get; } = fields;

    /// <summary>Answers a replay from the created resource's id, as the current caller: its query checks they may still see it.</summary>
    public Func<HttpContext, Guid, Task<IResult>>? Reread { get; init; }

    /// <summary>What the idempotency record keeps of a successful first answer.</summary>
    public byte[] Keep(byte[] body)
    {
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            answer = null;
        }

        if (answer is null)
        {
            return [];
        }

        if (Reread is not null)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new JsonObject { [IdField] = answer[IdField]?.DeepClone() });
        }

        foreach (var secret in answer.Select(p => p.Key).Where(k => Fields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            answer.Remove(secret);
        }

        return JsonSerializer.SerializeToUtf8Bytes(answer);
    }

    /// <summary>The resource id a kept answer names, if any.</summary>
    public static Guid? IdOf(byte[] kept)
    {
        try
        {
            return JsonNode.Parse(kept)?[IdField]?.GetValue<string>() is { } text && Guid.TryParse(text, out var id) ? id : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
