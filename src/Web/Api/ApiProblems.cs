using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// Every API error is RFC 9457 ProblemDetails with a stable <c>type</c> per kind of error, the
/// result's own words as <c>detail</c>, a machine-readable <c>code</c>, and the fields at fault for a
/// validation error.
/// </summary>
internal static class ApiProblems
{
    public const string TypeBase = "https://natero.example/problems/";

    public static string TypeOf(ErrorKind kind) => TypeBase + kind switch
    {
        ErrorKind.Validation => "validation",
        ErrorKind.Unauthorized => "unauthorized",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.NotFound => "not-found",
        ErrorKind.Conflict => "conflict",
        _ => "failure",
    };

    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => TypeOf(ErrorKind.Validation),
        StatusCodes.Status401Unauthorized => TypeOf(ErrorKind.Unauthorized),
        StatusCodes.Status403Forbidden => TypeOf(ErrorKind.Forbidden),
        StatusCodes.Status404NotFound => TypeOf(ErrorKind.NotFound),
        StatusCodes.Status409Conflict => TypeOf(ErrorKind.Conflict),
        StatusCodes.Status412PreconditionFailed => TypeBase + "precondition-failed",
        StatusCodes.Status422UnprocessableEntity => TypeBase + "idempotency-key-reused",
        StatusCodes.Status429TooManyRequests => TypeBase + "rate-limited",
        StatusCodes.Status503ServiceUnavailable => TypeBase + "unavailable",
        _ => TypeOf(ErrorKind.Failure),
    };

    /// <summary>The HTTP answer to a failed result.</summary>
    public static IResult From(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = Pages.PageResults.StatusCodeOf(error.Kind);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Kind == ErrorKind.Validation && error.Fields.Count > 0)
        {
            return TypedResults.ValidationProblem(
                error.Fields.ToDictionary(f => Camel(f.Key), f => f.Value),
                detail: error.Message,
                title: Composition.ProblemDetailsDefaults.ReasonPhrases(status),
                type: TypeOf(error.Kind),
                extensions: extensions);
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: Composition.ProblemDetailsDefaults.ReasonPhrases(status), type: TypeOf(error.Kind), extensions: extensions);
    }

    /// <summary>Writes a problem straight to the response (authentication, rate limiting, idempotency).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = Composition.ProblemDetailsDefaults.ReasonPhrases(status),
                Detail = detail,
                Type = TypeOf(status),
                Extensions = { ["code"] = code },
            },
        });
    }

    /// <summary>Field names as JSON spells them: "Filter.From" becomes "filter.from".</summary>
    private static string Camel(string field) =>
        string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
