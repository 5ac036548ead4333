using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>
/// The OpenAPI document describes every /api/v1 endpoint the app maps, how to authenticate, and every problem an operation answers.
/// </summary>
public sealed partial class OpenApiDocumentTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string DocumentPath = "/api/openapi/v1.json";

    [Fact]
    public async Task The_document_is_openapi_3_1_json_and_requires_the_bearer_scheme()
    {
        using var client = Client(Factory, null);
        using var response = await client.GetAsync(DocumentPath);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Json);
        var document = await response.JsonAsync();
        document.GetProperty("openapi").GetString().ShouldStartWith("3.1.");
        document.GetProperty("info").GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();

        var schemes = document
            .GetProperty("components")
            .GetProperty("securitySchemes")
            .EnumerateObject()
            .Where(s =>
                s.Value.GetProperty("type").GetString() == "http"
                && string.Equals(s.Value.GetProperty("scheme").GetString(), "bearer", StringComparison.OrdinalIgnoreCase)
            )
            .Select(s => s.Name)
            .ToList();
        schemes.ShouldHaveSingleItem("one http bearer security scheme");
        var required = document.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        required.ShouldContain(schemes[0], "the document requires the bearer scheme for every operation");
    }

    [Fact]
    public async Task Every_api_endpoint_the_app_maps_is_in_the_document_with_its_method_and_nothing_else_is()
    {
        var document = await DocumentAsync();
        var mapped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            var path = Constraint().Replace(pattern.TrimEnd('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                mapped.Add($"{method} {path}");
            }
        }

        var documented = Operations(document).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        mapped.Count.ShouldBeGreaterThan(15);
        mapped.Where(m => !documented.Contains(m)).ShouldBeEmpty("mapped API endpoints missing from the OpenAPI document");
        documented.Where(d => !mapped.Contains(d)).ShouldBeEmpty("documented operations the app does not map");
    }

    [Fact]
    public async Task Every_operation_lists_401_and_429_as_problem_details()
    {
        var document = await DocumentAsync();

        var gaps = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            foreach (var status in new[] { "401", "429" })
            {
                if (!IsProblem(operation, status))
                {
                    gaps.Add($"{name} {status}");
                }
            }
        }

        gaps.ShouldBeEmpty("operations that do not document these problem responses");
    }

    /// <summary>
    /// Every tenant operation answers a key without the permission (or a platform key) with 403, and every
    /// platform one a key without the role; an id in the path may not exist (404); a body or a typed
    /// query parameter may not be readable (400).
    /// </summary>
    [Fact]
    public async Task Every_operation_lists_every_problem_it_can_answer()
    {
        var document = await DocumentAsync();

        var gaps = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var expected = new List<string>();
            if (operation.GetProperty("operationId").GetString() != "ListProviders")
            {
                expected.Add("403");
            }

            if (parameters.Any(x => x.GetProperty("in").GetString() == "path"))
            {
                expected.Add("404");
            }

            if (
                operation.TryGetProperty("requestBody", out _)
                || parameters.Any(x => x.GetProperty("in").GetString() == "query" && !IsPlainString(document, x.GetProperty("schema")))
            )
            {
                expected.Add("400");
            }

            gaps.AddRange(expected.Where(status => !IsProblem(operation, status)).Select(status => $"{name} {status}"));
        }

        gaps.ShouldBeEmpty("operations that can answer these problems but do not document them");
    }

    [Fact]
    public async Task Every_operation_documents_its_success_response()
    {
        var document = await DocumentAsync();

        var undocumented = Operations(document)
            .Where(o => !o.Operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')))
            .Select(o => o.Name)
            .ToList();

        undocumented.ShouldBeEmpty("operations with no 2xx response in the document");
    }

    /// <summary>
    /// A POST runs once per Idempotency-Key; a client learns of the header, and of the 422 for a reused key, from the document.
    /// </summary>
    [Fact]
    public async Task Every_post_documents_the_idempotency_key_header_and_its_422()
    {
        var document = await DocumentAsync();

        var gaps = new List<string>();
        foreach (var (name, operation) in Operations(document).Where(o => o.Name.StartsWith("POST ", StringComparison.Ordinal)))
        {
            // A credential read is not replayed (every read is audited): whether it takes the header is its own business.
            if (operation.GetProperty("operationId").GetString() == "GetAccessToken")
            {
                continue;
            }

            var header =
                operation.TryGetProperty("parameters", out var parameters)
                && parameters
                    .EnumerateArray()
                    .Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == "Idempotency-Key");
            if (!header)
            {
                gaps.Add($"{name} header");
            }

            if (!IsProblem(operation, "422"))
            {
                gaps.Add($"{name} 422");
            }
        }

        gaps.ShouldBeEmpty("POST operations that do not document Idempotency-Key");
    }

    internal static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (
                var operation in path
                    .Value.EnumerateObject()
                    .Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
            )
            {
                yield return ($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value);
            }
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = Client(Factory, null);
        using var response = await client.GetAsync(DocumentPath);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private static bool IsProblem(JsonElement operation, string status) =>
        operation.GetProperty("responses").TryGetProperty(status, out var response)
        && response.TryGetProperty("content", out var content)
        && content.TryGetProperty(ProblemJson, out _);

    /// <summary>A query parameter any text binds to: a string without a format, not an enum.</summary>
    private static bool IsPlainString(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema.TryGetProperty("type", out var type)
            && type.ValueKind == JsonValueKind.String
            && type.GetString() == "string"
            && !schema.TryGetProperty("format", out _)
            && !schema.TryGetProperty("enum", out _);
    }

    [GeneratedRegex("\\{([^}:?]+)[^}]*\\}")]
    private static partial Regex Constraint();
}
