using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Api;

/// <summary>Results to HTTP answers: the value on success, ProblemDetails otherwise.</summary>
internal static class ApiResults
{
    public static IResult Ok<T>(Result<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : ApiProblems.From(result.Error!);

    public static IResult Ok<T, TBody>(Result<T> result, Func<T, TBody> body) =>
        result.IsSuccess ? TypedResults.Ok(body(result.Value)) : ApiProblems.From(result.Error!);

    /// <summary>201 with a <c>Location</c> given as a path inside the plugin (<c>/api/v1/...</c>), sent under its prefix.</summary>
    public static IResult Created<T, TBody>(Result<T> result, Func<T, string> location, Func<T, TBody> body) =>
        result.IsSuccess ? new CreatedInPlugin<TBody>(location(result.Value), body(result.Value)) : ApiProblems.From(result.Error!);

    private sealed class CreatedInPlugin<TBody>(string path, TBody body) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status201Created;

        public Task ExecuteAsync(HttpContext httpContext) =>
            TypedResults.Created(httpContext.NateroPath(path), body).ExecuteAsync(httpContext);
    }

    public static IResult NoContent(Result result) => result.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(result.Error!);

    /// <summary>
    /// A single resource with an <c>ETag</c> over its JSON; <c>If-None-Match</c> with the same tag answers
    /// 304 without a body.
    /// </summary>
    public static IResult Tagged<T>(HttpContext context, Result<T> result)
    {
        if (!result.IsSuccess)
        {
            return ApiProblems.From(result.Error!);
        }

        // Serialised once: the tag is the hash of exactly the bytes that are sent.
        var json = context
            .RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(result.Value, json);
        var tag = $"\"{Convert.ToBase64String(SHA256.HashData(body)[..16]).TrimEnd('=')}\"";
        context.Response.Headers.ETag = tag;
        var match = context.Request.Headers.IfNoneMatch.ToString();
        if (
            match.Length > 0
            && (
                match == "*"
                || match
                    .Split(',')
                    .Any(m => string.Equals(m.Trim().Replace("W/", string.Empty, StringComparison.Ordinal), tag, StringComparison.Ordinal))
            )
        )
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
