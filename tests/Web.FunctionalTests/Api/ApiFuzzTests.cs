using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>
/// F3: every query parameter and body property the OpenAPI document declares, sent odd values one at a
/// time. Nothing may answer 5xx, and every 4xx is problem details with a type.
/// </summary>
public sealed class ApiFuzzTests(NateroWebFactory factory) : WebTest(factory)
{
    private static readonly string Long = new('a', 100_000);

    /// <summary>A valid body per request schema, so that each fuzzed property is the only thing wrong.</summary>
    private static readonly Dictionary<string, string> Baselines = new(StringComparer.Ordinal)
    {
        ["AuthorizationLinkRequest"] = """{"provider":"salesforce","environment":"Production","myDomainHost":null,"returnUrl":"/t/demo"}""",
        ["CreateApiKeyRequest"] = """{"name":"fuzz","scopes":["DataConnectors.View"],"expiresInDays":7}""",
        ["WebhookRequest"] = """{"url":"https://93.184.216.34/hooks","description":"fuzz","eventTypes":["*"],"enabled":true}""",
        ["CreateTenantRequest"] = """{"name":"Fuzz","slug":"fuzz","adminEmail":"admin@fuzz.test"}""",
        ["InvitationRequest"] = """{"email":"fuzz@demo.test","permissions":["DataConnectors.View"]}""",
        ["MemberPermissionsRequest"] = """{"permissions":["DataConnectors.View"]}""",
        ["SignInPolicyRequest"] = """{"requireSecondFactor":false,"ssoRequiredDomains":["example.com"],"ssoAdminBreakGlass":true}""",
        ["NoteRequest"] = """{"note":"fuzz"}""",
        ["ReasonRequest"] = """{"reason":"fuzz"}""",
    };

    private enum Kind
    {
        Text,
        Integer,
        Date,
        Enum,
        Array,
    }

    [Fact]
    public async Task Fuzzed_query_parameters_and_body_properties_never_answer_5xx_and_every_4xx_is_problem_details()
    {
        await using var clients = await SetUpAsync();
        var document = clients.Document;
        var connection = await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        var failures = new List<string>();
        var sent = 0;

        foreach (var (name, operation) in OpenApiDocumentTests.Operations(document))
        {
            var method = new HttpMethod(name[..name.IndexOf(' ', StringComparison.Ordinal)]);
            var template = name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var client = clients.For(template);
            var path = template.Replace("{id}", connection.ToString(), StringComparison.Ordinal);

            foreach (var parameter in Parameters(operation, "query"))
            {
                foreach (var value in QueryValues(KindOf(document, parameter.GetProperty("schema"))))
                {
                    var target = $"{path}?{Uri.EscapeDataString(parameter.GetProperty("name").GetString()!)}={Uri.EscapeDataString(value)}";
                    sent++;
                    await TryAsync(
                        () => client.SendAsync(method, target),
                        $"{name} ?{parameter.GetProperty("name").GetString()}={Show(value)}",
                        failures
                    );
                }
            }

            if (!operation.TryGetProperty("requestBody", out var requestBody))
            {
                continue;
            }

            var schema = BodySchema(document, requestBody);
            var schemaName = Ref(schema) ?? throw new ShouldAssertException($"{name}: the request body has no named schema");
            Baselines.ShouldContainKey(schemaName, $"{nameof(ApiFuzzTests)} needs a valid {schemaName} body");
            var baseline = JsonNode.Parse(Baselines[schemaName])!.AsObject();
            var properties = Resolve(document, schema).GetProperty("properties").EnumerateObject().ToList();
            properties.ShouldNotBeEmpty(schemaName);

            foreach (var property in properties)
            {
                foreach (var value in BodyValues(KindOf(document, property.Value)))
                {
                    var body = baseline.DeepClone().AsObject();
                    body[property.Name] = value?.DeepClone();
                    sent++;
                    await TryAsync(
                        () => client.SendAsync(method, path, body.ToJsonString()),
                        $"{name} {{{property.Name}: {Show(value?.ToJsonString() ?? "null")}}}",
                        failures
                    );
                }
            }

            foreach (var (what, content) in WholeBodies(baseline.ToJsonString()))
            {
                using var request = new HttpRequestMessage(method, path) { Content = content };
                sent++;
                await TryAsync(() => client.SendAsync(request), $"{name} body {what}", failures);
            }
        }

        sent.ShouldBeGreaterThan(300);
        failures.ShouldBeEmpty($"{failures.Count} of {sent} fuzzed requests were answered badly:\n{string.Join("\n", failures)}\n");
    }

    [Fact]
    public async Task Odd_ids_unknown_paths_and_unsupported_methods_are_answered_with_problem_details()
    {
        await using var clients = await SetUpAsync();
        var document = clients.Document;
        var failures = new List<string>();

        foreach (var (name, _) in OpenApiDocumentTests.Operations(document))
        {
            var method = new HttpMethod(name[..name.IndexOf(' ', StringComparison.Ordinal)]);
            var template = name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            var client = clients.For(template);
            if (template.Contains("{id}", StringComparison.Ordinal))
            {
                foreach (var id in new[] { "not-a-guid", Guid.Empty.ToString(), Uri.EscapeDataString("😀"), new string('1', 5000) })
                {
                    using var response = await client.SendAsync(method, template.Replace("{id}", id, StringComparison.Ordinal));
                    await CheckAsync(response, $"{name} id={Show(id)}", failures);
                    ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{name} id={Show(id)}");
                }
            }

            foreach (
                var other in new[] { HttpMethod.Put, HttpMethod.Patch, method == HttpMethod.Delete ? HttpMethod.Post : HttpMethod.Delete }
            )
            {
                var path = template.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
                using var response = await client.SendAsync(other, path);
                await CheckAsync(response, $"{other} {template}", failures);
            }
        }

        var tenant = clients.For("/api/v1/connections");
        foreach (var path in new[] { "/api/v1/nothing-here", "/api/v1/connections/%2e%2e/api-keys", "/api/v2/connections" })
        {
            using var response = await tenant.GetAsync(path);
            await CheckAsync(response, $"GET {path}", failures);
        }

        failures.ShouldBeEmpty($"{failures.Count} requests were answered without problem details:\n{string.Join("\n", failures)}\n");
    }

    private async Task<Clients> SetUpAsync()
    {
        var host = Factory.WithSettings(("RateLimits:PerKey:PermitLimit", "1000000"), ("RateLimits:PerTenant:PermitLimit", "1000000"));
        using var anonymous = Client(Factory, null);
        using var documentResponse = await anonymous.GetAsync("/api/openapi/v1.json");
        var document = await documentResponse.JsonAsync();
        var tenant = Client(host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, AllPermissions));
        var platform = Client(host, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        return new Clients(document, host, tenant, platform);
    }

    /// <summary>Sends and checks; an answer cut off midway (a streamed export that failed after it began) is a failure too.</summary>
    private static async Task TryAsync(Func<Task<HttpResponseMessage>> send, string what, List<string> failures)
    {
        try
        {
            using var response = await send();
            await CheckAsync(response, what, failures);
        }
        catch (HttpRequestException e)
        {
            failures.Add(
                $"{what} => the answer broke off: "
                    + $"{Show(e.InnerException?.InnerException?.Message ?? e.InnerException?.Message ?? e.Message)}"
            );
        }
    }

    private static async Task CheckAsync(HttpResponseMessage response, string what, List<string> failures)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var shown = $"{what} => {status} {response.Content.Headers.ContentType}: {Show(text)}";
        if (status >= 500)
        {
            failures.Add(shown);
            return;
        }

        if (status < 400)
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType != ProblemJson)
        {
            failures.Add(shown);
            return;
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            var type = problem.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (
                string.IsNullOrEmpty(type)
                || !type.StartsWith(ProblemTypes, StringComparison.Ordinal)
                || !problem.RootElement.TryGetProperty("status", out var s)
                || s.GetInt32() != status
            )
            {
                failures.Add(shown);
            }
        }
        catch (JsonException)
        {
            failures.Add(shown);
        }
    }

    private static IEnumerable<JsonElement> Parameters(JsonElement operation, string where) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == where)
            : [];

    private static JsonElement BodySchema(JsonElement document, JsonElement requestBody)
    {
        var schema = requestBody.GetProperty("content").GetProperty(Json).GetProperty("schema");
        return schema.TryGetProperty("oneOf", out var oneOf) ? oneOf.EnumerateArray().Single(s => Ref(s) is not null) : schema;
    }

    private static string? Ref(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!.Split('/')[^1]
            : null;

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        Ref(schema) is { } name ? document.GetProperty("components").GetProperty("schemas").GetProperty(name) : schema;

    private static Kind KindOf(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            schema = oneOf.EnumerateArray().FirstOrDefault(s => Ref(s) is not null) is { ValueKind: JsonValueKind.Object } named
                ? named
                : schema;
        }

        schema = Resolve(document, schema);
        var types =
            !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList()
            : [type.GetString()];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return schema.TryGetProperty("enum", out _) ? Kind.Enum
            : types.Contains("array") ? Kind.Array
            : types.Contains("integer") || format is "int32" or "int64" ? Kind.Integer
            : format == "date-time" ? Kind.Date
            : Kind.Text;
    }

    private static IEnumerable<string> QueryValues(Kind kind)
    {
        string[] always = ["", Long, "😀👍🏽", "\u202Eevil\u202C", "a\u0000b", "{}", "[]", "null"];
        string[] typed = kind switch
        {
            Kind.Integer => ["abc", "1.5", "-1", "0", "99999999999", "1e9"],
            Kind.Date => ["not-a-date", "9999-99-99", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"],
            Kind.Enum => ["Bogus", "99", "-1", "success"],
            _ => ["0", "' OR 1=1 --", "%", "_", "\\"],
        };
        return [.. always, .. typed];
    }

    private static IEnumerable<JsonNode?> BodyValues(Kind kind)
    {
        JsonNode?[] wrongTypes =
        [
            JsonValue.Create(12345),
            JsonValue.Create("text"),
            new JsonObject { ["a"] = 1 },
            new JsonArray(1, 2),
            null,
            JsonValue.Create(true),
        ];
        JsonNode?[] typed = kind switch
        {
            Kind.Integer =>
            [
                JsonValue.Create(-1),
                JsonValue.Create(0),
                JsonValue.Create(2147483648L),
                JsonValue.Create(1.5),
                JsonValue.Create("12"),
                JsonValue.Create(1e308),
            ],
            Kind.Enum =>
            [
                JsonValue.Create("Bogus"),
                JsonValue.Create(""),
                JsonValue.Create(99),
                JsonValue.Create(-1),
                JsonValue.Create("production"),
            ],
            Kind.Array =>
            [
                new JsonArray(),
                new JsonArray(JsonValue.Create("")),
                new JsonArray((JsonNode?)null),
                new JsonArray(JsonValue.Create(Long)),
                new JsonArray(JsonValue.Create("a\u0000b")),
                new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode?)JsonValue.Create($"p{i}"))]),
            ],
            _ =>
            [
                JsonValue.Create(""),
                JsonValue.Create(Long),
                JsonValue.Create("😀👍🏽"),
                JsonValue.Create("\u202Eevil\u202C"),
                JsonValue.Create("a\u0000b"),
                JsonValue.Create("   "),
                JsonValue.Create("<script>alert(1)</script>"),
            ],
        };
        return [.. wrongTypes, .. typed];
    }

    /// <summary>Whole bodies that are wrong: malformed, missing, another JSON type, another media type.</summary>
    private static IEnumerable<(string What, HttpContent? Content)> WholeBodies(string valid) =>
        [
            ("malformed", new StringContent("{\"name\": ", Encoding.UTF8, Json)),
            ("missing", null),
            ("empty with a JSON type", new StringContent(string.Empty, Encoding.UTF8, Json)),
            ("an array", new StringContent("[]", Encoding.UTF8, Json)),
            ("a string", new StringContent("\"text\"", Encoding.UTF8, Json)),
            ("JSON null", new StringContent("null", Encoding.UTF8, Json)),
            ("not UTF-8", new ByteArrayContent([0xff, 0xfe, 0x7b, 0x00]) { Headers = { ContentType = new("application/json") } }),
            ("as text/plain", new StringContent(valid, Encoding.UTF8, "text/plain")),
            ("as a form", new FormUrlEncodedContent([new("name", "fuzz")])),
        ];

    private static string Show(string value)
    {
        var flat = value.ReplaceLineEndings(" ").Replace("\0", "\\0", StringComparison.Ordinal);
        return flat.Length > 160 ? $"{flat[..80]}…({flat.Length} chars)" : flat;
    }

    /// <summary>
    /// A tenant key with every permission, and a platform admin key for /platform, on a host whose per-key limit is out of the way.
    /// </summary>
    private sealed class Clients(JsonElement document, IAsyncDisposable host, HttpClient tenant, HttpClient platform) : IAsyncDisposable
    {
        public JsonElement Document { get; } = document;

        public HttpClient For(string path) => path.StartsWith("/api/v1/platform/", StringComparison.Ordinal) ? platform : tenant;

        public async ValueTask DisposeAsync()
        {
            tenant.Dispose();
            platform.Dispose();
            await host.DisposeAsync();
        }
    }
}
