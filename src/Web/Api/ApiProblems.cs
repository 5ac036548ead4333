using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// Every API error is RFC 9457 ProblemDetails with a stable <c>type</c> per kind of error, the
/// result's own words as <c>detail</c>, a machine-readable <c>code</c>, and the fields at fault for a
/// validation error.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The HTTP answer to a failed result.</summary>
    public static IResult From(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = ResultStatus.Of(error.Kind);
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Kind == ErrorKind.Validation && error.Fields.Count > 0)
        {
            return TypedResults.ValidationProblem(
                error.Fields.ToDictionary(f => Camel(f.Key), f => f.Value),
                detail: error.Message,
                title: ProblemDetailsDefaults.ReasonPhrases(status),
                type: ProblemTypes.TypeOf(error.Kind),
                extensions: extensions
            );
        }

        return TypedResults.Problem(
            error.Message,
            statusCode: status,
            title: ProblemDetailsDefaults.ReasonPhrases(status),
            type: ProblemTypes.TypeOf(error.Kind),
            extensions: extensions
        );
    }

    /// <summary>Writes a problem straight to the response (authentication, rate limiting, idempotency).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = status,
                    Title = ProblemDetailsDefaults.ReasonPhrases(status),
                    Detail = detail,
                    Type = ProblemTypes.TypeOf(status),
                    Extensions = { ["code"] = code },
                },
            }
        );
    }

    /// <summary>Field names as JSON spells them: "Filter.From" becomes "filter.from".</summary>
    private static string Camel(string field) =>
        string.Join('.', field.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
