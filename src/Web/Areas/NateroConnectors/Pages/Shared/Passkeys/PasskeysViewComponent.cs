using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Accounts.Queries.ListPasskeys;

namespace Natero.Connectors.Web.Pages.Shared.Passkeys;

/// <summary>
/// The passkeys section of the account security page (<c>@await Component.InvokeAsync("Passkeys")</c>). Its forms
/// post to <c>/account/security/passkeys</c>, which comes back to the page they were on with the outcome.
/// </summary>
public sealed class PasskeysViewComponent(ISender sender) : ViewComponent
{
    public const string MessageKey = "Passkeys.Message";
    public const string ProblemKey = "Passkeys.Problem";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var listed = await sender.Send(new ListPasskeysQuery(), HttpContext.RequestAborted);
        var model = new PasskeysSection(
            listed.IsSuccess ? listed.Value : [],
            TempData[MessageKey] as string,
            TempData[ProblemKey] as string ?? (listed.IsSuccess ? null : listed.Error!.Message),
            HttpContext.Request.GetEncodedPathAndQuery()
        );
        return View("~/Areas/NateroConnectors/Pages/Shared/Passkeys/_Passkeys.cshtml", model);
    }
}
