using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages;

internal static class PageResults
{
    /// <summary>
    /// Turns a failed result into what a person should see: field errors on the same page, or the
    /// error page with the status and the result's own words.
    /// </summary>
    public static IActionResult Failure(this PageModel page, Error error, Func<IActionResult> redisplay)
    {
        switch (error.Kind)
        {
            case ErrorKind.Validation:
            case ErrorKind.Conflict:
                foreach (var (field, messages) in error.Fields)
                {
                    foreach (var message in messages)
                    {
                        page.ModelState.AddModelError(field, message);
                    }
                }

                if (error.Fields.Count == 0)
                {
                    page.ModelState.AddModelError(string.Empty, error.Message);
                }

                return redisplay();
            case ErrorKind.Unauthorized:
                return page.Challenge(NateroSchemes.Plugin);
            default:
                page.HttpContext.Items[ErrorModel.DetailItemKey] = error.Message;
                return page.StatusCode(ResultStatus.Of(error.Kind));
        }
    }

    /// <summary>
    /// A refusal about what the person asked for (a permission they may not give, an invitation made out to
    /// someone else) shown on the form like a validation error, not as an error page.
    /// </summary>
    public static Error InPlace(this Error error) => error.Kind == ErrorKind.Forbidden ? error with { Kind = ErrorKind.Conflict } : error;

    /// <summary>
    /// Loads the page's data again and shows the error on it, with its field errors under the form's
    /// <paramref name="inputPrefix"/> (e.g. "Input"); if the reload itself fails, that failure wins.
    /// </summary>
    public static async Task<IActionResult> RedisplayWithAsync(
        this PageModel page,
        Func<Task<IActionResult>> reload,
        Error error,
        string? inputPrefix = null
    )
    {
        var loaded = await reload();
        if (loaded is not PageResult)
        {
            return loaded;
        }

        var shown = inputPrefix is null
            ? error
            : error with
            {
                Fields = error.Fields.ToDictionary(f => $"{inputPrefix}.{f.Key}", f => f.Value),
            };
        return page.Failure(shown, page.Page);
    }

    /// <summary>
    /// Sends the browser to the provider for an authorization just started, with the browser-binding
    /// cookie that the callback must bring back: Manage OAuth and authorization links both end here.
    /// </summary>
    public static IActionResult RedirectToProvider(this PageModel page, OAuthBrowserBinding binding, AuthorizationStartDto started)
    {
        binding.Set(page.Response, started.BrowserBinding, started.ExpiresAt);
        return new RedirectResult(started.AuthorizationUrl.ToString());
    }
}
