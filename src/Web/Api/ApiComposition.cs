using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;
using Scalar.AspNetCore;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// What the API needs besides its endpoints: the API-key scheme and policy, rate limits per key and per
/// tenant (and per address for requests without a valid key), JSON with enums as names, the OpenAPI 3.1 document at
/// <c>/api/openapi/v1.json</c> and the interactive reference at <c>/api/reference</c>.
/// </summary>
internal static class ApiComposition
{
    public const string Policy = "ApiKey";
    public const string RateLimitPolicy = "api";
    public const string DocumentPath = "/api/openapi/{documentName}.json";

    private const string KeyIdClaim = ApiKeyAuthenticationHandler.KeyIdClaim;
    private const string TenantIdClaim = ApiKeyAuthenticationHandler.TenantIdClaim;

    public static IServiceCollection AddNateroApi(this IServiceCollection services, IConfiguration configuration, NateroMount mount)
    {
        services
            .AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services
            .AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services
            .AddOptions<ApiRateLimits>()
            .Bind(configuration.GetSection(ApiRateLimits.Section))
            .ValidateOnStart()
            .Validate(
                l => new[] { l.PerKey, l.PerTenant, l.PerAddress }.All(w => w.PermitLimit > 0 && w.Window > TimeSpan.Zero),
                "RateLimits:PerKey, RateLimits:PerTenant and RateLimits:PerAddress need a PermitLimit above 0 and a Window above zero."
            );
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // A request with a valid key counts against its key, then against its tenant, which all the
            // tenant's keys share: more keys give no more requests. The key comes first so that a key over
            // its own limit is refused before it spends its tenant's budget.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => KeyedWindow(c, KeyIdClaim, "key", l => l.PerKey)),
                PartitionedRateLimiter.Create<HttpContext, string>(c => KeyedWindow(c, TenantIdClaim, "tenant", l => l.PerTenant))
            );

            // Requests without a valid key, per client address.
            options.AddPolicy(RateLimitPolicy, context =>
                context.User.FindFirstValue(KeyIdClaim) is null
                    ? FixedWindow(context, $"ip:{context.Connection.RemoteIpAddress}", Limits(context).PerAddress)
                    : RateLimitPartition.GetNoLimiter(string.Empty)
            );
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(
                    context.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    "rate_limited",
                    $"Too many requests. Try again in {seconds} s."
                );
            };
        });
        services.AddOpenApi("v1", options =>
        {
            // Only the API's own endpoints, wherever the plugin is mounted: not the host's, not the pages'.
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith(mount.Path(ApiEndpoints.Prefix)[1..] + "/", StringComparison.Ordinal) == true;
            options.AddOperationTransformer(
                (operation, context, _) =>
                {
                    // Every API POST but a credential read runs once per Idempotency-Key (IdempotencyMiddleware).
                    if (
                        !HttpMethods.IsPost(context.Description.HttpMethod ?? string.Empty)
                        || context.Description.ActionDescriptor.EndpointMetadata.OfType<AlwaysRuns>().Any()
                    )
                    {
                        return Task.CompletedTask;
                    }

                    operation.Parameters ??= [];
                    operation.Parameters.Add(
                        new OpenApiParameter
                        {
                            Name = IdempotencyMiddleware.Header,
                            In = ParameterLocation.Header,
                            Description =
                                "Send the same key to retry safely: the first answer "
                                + "comes back with Idempotent-Replayed: true. Kept 24 hours.",
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                MinLength = 1,
                                MaxLength = 255,
                            },
                        }
                    );
                    operation.Responses ??= [];
                    operation.Responses["422"] = new OpenApiResponse
                    {
                        Description = "The Idempotency-Key was used for a different request.",
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/problem+json"] = new()
                            {
                                Schema = new OpenApiSchemaReference("ProblemDetails", context.Document),
                            },
                        },
                    };
                    return Task.CompletedTask;
                }
            );
            options.AddDocumentTransformer(
                (document, _, _) =>
                {
                    document.Info = new OpenApiInfo
                    {
                        Title = "Natero Connectors API",
                        Version = "v1",
                        Description =
                            "Connections, authorization links, access tokens, audit events and API keys of a tenant (tenant keys), "
                            + "and every tenant's (platform keys). Send a key as \"Authorization: "
                            + "Bearer ntr_…\". Errors are RFC 9457 problem details "
                            + "whose type is one of "
                            + $"{ProblemTypes.TypeBase}{{validation, unauthorized, forbidden, not-found, conflict, "
                            + "rate-limited, failure}.",
                    };
                    document.Components ??= new OpenApiComponents();
                    document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                    document.Components.SecuritySchemes[Policy] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "ntr_ API key",
                        Description = "An API key created under Settings > IT Administration > API keys (tenant) or Platform > API keys.",
                    };
                    document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Policy, document)] = [] }];
                    return Task.CompletedTask;
                }
            );
        });
        return services;
    }

    private static ApiRateLimits Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiRateLimits>>().Value;

    /// <summary>An API request's window for the key or tenant its <paramref name="claim"/> names; others are not limited.</summary>
    private static RateLimitPartition<string> KeyedWindow(
        HttpContext context,
        string claim,
        string kind,
        Func<ApiRateLimits, RateLimitWindow> limit
    ) =>
        ApiEndpoints.IsApiRequest(context) && context.User.FindFirstValue(claim) is { } id
            ? FixedWindow(context, $"{kind}:{id}", limit(Limits(context)))
            : RateLimitPartition.GetNoLimiter(string.Empty);

    private static RateLimitPartition<string> FixedWindow(HttpContext context, string partition, RateLimitWindow limit) =>
        FixedWindows.For(context, partition, limit.PermitLimit, limit.Window);

    /// <summary>The OpenAPI document and its interactive reference, under the plugin's prefix like the API.</summary>
    public static IEndpointRouteBuilder MapNateroApiDocuments(this IEndpointRouteBuilder plugin, NateroMount mount)
    {
        plugin.MapOpenApi(DocumentPath).AllowAnonymous();
        plugin
            .MapScalarApiReference("/api/reference", options =>
                options
                    .WithTitle("Natero Connectors API")
                    .WithOpenApiRoutePattern(mount.Path(DocumentPath))
                    .AddPreferredSecuritySchemes(Policy)
                    .DisableDefaultFonts()
            )
            .AllowAnonymous();
        return plugin;
    }
}

/// <summary>Sets the request's tenant from the API key: the request itself never names it.</summary>
internal sealed class ApiTenantFilter : IEndpointFilter
{
    /// <summary>For what answers a request without its endpoint's filters (an idempotent replay).</summary>
    public static void Apply(HttpContext context)
    {
        var user = context.User;
        if (Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.TenantIdClaim), out var tenantId))
        {
            context
                .RequestServices.GetRequiredService<ITenantContext>()
                .SetTenant(tenantId, user.FindFirstValue(ApiKeyAuthenticationHandler.TenantSlugClaim) ?? string.Empty);
        }
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Apply(context.HttpContext);
        return next(context);
    }
}

/// <summary>Tenant endpoints answer a platform key with 403 and words, rather than "tenant not found".</summary>
internal sealed class TenantKeyOnly : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.User.FindFirstValue(ApiKeyAuthenticationHandler.TenantIdClaim) is null)
        {
            return ApiProblems.From(
                new Application.Common.Results.Error(
                    Application.Common.Results.ErrorKind.Forbidden,
                    "tenant_key_required",
                    "This endpoint acts in one tenant and needs a tenant's API key; platform keys use /api/v1/platform."
                )
            );
        }

        return await next(context);
    }
}

/// <summary>
/// Links into Natero's pages, on its public address: the origin of the provider's configured OAuth callback (the address
/// the provider sends the person back to), else this request's.
/// </summary>
internal static class ApiLinks
{
    public static Uri Connect(HttpContext context, string token, string provider)
    {
        var slug = context.User.FindFirstValue(ApiKeyAuthenticationHandler.TenantSlugClaim);
        var callback = context.RequestServices.GetRequiredService<IOAuthProviderRegistry>().Find(provider)?.Descriptor.CallbackUrl;
        var origin = callback is not null
            ? callback.GetLeftPart(UriPartial.Authority)
            : $"{context.Request.Scheme}://{context.Request.Host}";
        return new Uri($"{origin}{context.NateroPath($"/t/{slug}/connect/{token}")}");
    }
}

/// <summary>
/// PostgreSQL text cannot hold NUL: a query value or body text with one is refused here as a validation
/// problem naming the field, before it reaches a query, a row or an audit record.
/// </summary>
internal sealed class RejectNulCharacters : IEndpointFilter
{
    /// <summary>The answer naming the fields that hold a NUL; the query-string middleware gives the same.</summary>
    public static IResult Problem(IReadOnlyCollection<string> fields) =>
        ApiProblems.From(
            new Application.Common.Results.Error(Application.Common.Results.ErrorKind.Validation, "invalid_characters", Message)
            {
                Fields = fields.ToDictionary(f => f, _ => new[] { Message }, StringComparer.Ordinal),
            }
        );

    private const string Message = "Text may not contain the NUL character (\\u0000).";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Query strings were checked before routing (RejectNulCharactersMiddleware): only bodies are left.
        var fields = context.Arguments.SelectMany(NulProperties).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return fields.Count == 0 ? await next(context) : Problem(fields);
    }

    /// <summary>The text properties of a request body (the records of ApiRequests.cs) that hold a NUL.</summary>
    private static IEnumerable<string> NulProperties(object? argument) =>
        argument?.GetType() is { Namespace: "Natero.Connectors.Web.Api" } type
            ? type.GetProperties()
                .Where(p =>
                    p.GetValue(argument) switch
                    {
                        string text => text.Contains('\0', StringComparison.Ordinal),
                        IEnumerable<string?> texts => texts.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true),
                        _ => false,
                    }
                )
                .Select(p => p.Name)
            : [];
}
