using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>The answer to a page script asking for WebAuthn options: the options themselves, or what went wrong in words.</summary>
internal static class PasskeyOptions
{
    public static IActionResult Json(Result<string> options) =>
        options.IsSuccess
            ? new ContentResult
            {
                Content = options.Value,
                ContentType = "application/json",
                StatusCode = StatusCodes.Status200OK,
            }
            : new JsonResult(new { message = options.Error!.Message }) { StatusCode = ResultStatus.Of(options.Error.Kind) };
}
