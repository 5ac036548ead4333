using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Natero.Connectors.Web.Common;

internal static class ProblemDetailsDefaults
{
    /// <summary>Every problem names its request, so a person reporting it can be found in the logs.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    public static ProblemDetails ForStatus(int status, string? detail = null) =>
        new()
        {
            Status = status,
            Title = ReasonPhrases(status),
            Detail = detail,
            Type = ProblemTypes.TypeOf(status),
        };

    public static string ReasonPhrases(int status) =>
        status switch
        {
            StatusCodes.Status400BadRequest => "The request is not valid.",
            StatusCodes.Status401Unauthorized => "Sign in to continue.",
            StatusCodes.Status403Forbidden => "You do not have permission to do this.",
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => "That method is not allowed here.",
            StatusCodes.Status409Conflict => "That conflicts with the current state.",
            StatusCodes.Status429TooManyRequests => "Too many requests. Try again later.",
            StatusCodes.Status503ServiceUnavailable => "The service is unavailable. Try again shortly.",
            >= 500 => "Something went wrong on our side.",
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };

    public static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
