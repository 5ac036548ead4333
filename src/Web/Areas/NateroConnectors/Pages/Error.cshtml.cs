using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages;

/// <summary>
/// Every error ends here: browsers get a page, everything else RFC 9457 ProblemDetails. An exception
/// that says the database is away becomes 503 with Retry-After: the request can be repeated shortly.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IProblemDetailsService problems) : PageModel
{
    public const string DetailItemKey = "natero:error-detail";

    /// <summary>ViewData flag: the layout leaves out the navigation, which reads the database.</summary>
    public const string WithoutNavigation = "natero:without-navigation";

    public string Title { get; private set; } = string.Empty;
    public string? Detail { get; private set; }

    /// <summary>Seconds a client is asked to wait when the database is unavailable.</summary>
    public const int DatabaseRetryAfterSeconds = 5;

    public Task<IActionResult> OnGetAsync(int? status) => Render(status);

    public Task<IActionResult> OnPostAsync(int? status) => Render(status);

    // A status code page re-executes with the request's own method: an API's PUT, PATCH or DELETE lands here too.
    public Task<IActionResult> OnPutAsync(int? status) => Render(status);

    public Task<IActionResult> OnPatchAsync(int? status) => Render(status);

    public Task<IActionResult> OnDeleteAsync(int? status) => Render(status);

    private async Task<IActionResult> Render(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && DatabaseFailures.IsUnavailable(error))
        {
            code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = DatabaseRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            HttpContext.Items[DetailItemKey] =
                $"The database is unavailable at the moment. Try again in {DatabaseRetryAfterSeconds} seconds.";
        }

        Response.StatusCode = code;
        Title = ProblemDetailsDefaults.ReasonPhrases(code);
        Detail = HttpContext.Items[DetailItemKey] as string ?? DefaultDetail(code);

        // A server error may be the database going away: the page must not need it to render.
        ViewData[WithoutNavigation] = code >= 500;

        if (ProblemDetailsDefaults.WantsHtml(Request))
        {
            return Page();
        }

        var problem = ProblemDetailsDefaults.ForStatus(code, Detail);
        problem.Instance = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? Request.Path;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = HttpContext, ProblemDetails = problem });
        return new EmptyResult();
    }

    private static string? DefaultDetail(int status) =>
        status switch
        {
            StatusCodes.Status404NotFound => "The page or resource does not exist, or you do not have access to it.",
            StatusCodes.Status403Forbidden => "Ask an admin of this tenant for the permission you need.",
            >= 500 => "The error has been logged. Try again, and contact support if it keeps happening.",
            _ => null,
        };
}
