using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Hosting;

internal static class Json
{
    /// <summary>JSON in UTF-8, as Salesforce answers.</summary>
    public const string ContentType = "application/json;charset=UTF-8";

    /// <summary>Leaves <c>+</c>, <c>/</c> and <c>=</c> of Base64 values readable, as Salesforce writes them.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static IResult Result(JsonNode node, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(Options), ContentType, statusCode: statusCode);
}
