using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Accounts.SecondFactors;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Interfaces;
using QRCoder;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>
/// A person's sign-in security: the authenticator app (set up with a QR code, confirmed by one code, removed with
/// a fresh one), recovery codes (shown once), and the sessions they have open, each of which they can end.
/// </summary>
public sealed class SecurityModel(ISender sender) : PageModel
{
    [BindProperty]
    [StringLength(16)]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [TempData(Key = "SecurityMessage")]
    public string? Message { get; set; }

    /// <summary>Said on this response (which also shows something once), unlike <see cref="Message"/>, said after a redirect.</summary>
    public string? Notice { get; private set; }

    public SecondFactorState Factors { get; private set; } = new(false, false, 0, 0);

    public IReadOnlyList<SessionDto> Sessions { get; private set; } = [];

    /// <summary>Set while an authenticator app is being set up: the key to type, and the QR code of it.</summary>
    public AuthenticatorSetup? Setup { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    /// <summary>Recovery codes just made; shown this once.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>Where "Continue" goes once a required factor is set up: back to the page that sent the person here.</summary>
    public string? ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStartAuthenticatorAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var setup = await sender.Send(new StartAuthenticatorCommand(), cancellationToken);
        if (!setup.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), setup.Error!.InPlace());
        }

        ShowSetup(setup.Value);
        return await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostConfirmAuthenticatorAsync(CancellationToken cancellationToken)
    {
        var confirmed = await sender.Send(new ConfirmAuthenticatorCommand(Code ?? string.Empty), cancellationToken);
        if (!confirmed.IsSuccess)
        {
            // Shown again with the same key, so that the person can try the next code.
            if (await sender.Send(new StartAuthenticatorCommand(), cancellationToken) is { IsSuccess: true } again)
            {
                ShowSetup(again.Value);
            }

            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), confirmed.Error!.InPlace());
        }

        RecoveryCodes = confirmed.Value;
        Notice = "Your authenticator app is set up. From now on, signing in asks for a code from it. Your other sessions were signed out.";
        return await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAuthenticatorAsync(CancellationToken cancellationToken)
    {
        var removed = await sender.Send(new RemoveAuthenticatorCommand(Code ?? string.Empty), cancellationToken);
        if (!removed.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), removed.Error!.InPlace());
        }

        Message = "The authenticator app was removed. Your other sessions were signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRegenerateRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var codes = await sender.Send(new RegenerateRecoveryCodesCommand(), cancellationToken);
        if (!codes.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), codes.Error!.InPlace());
        }

        RecoveryCodes = codes.Value;
        Notice = "New recovery codes were made; the old ones no longer work.";
        return await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var ended = await sender.Send(new EndMySessionCommand(sessionId), cancellationToken);
        if (!ended.IsSuccess)
        {
            return this.Failure(ended.Error!, Page);
        }

        Message = "That session was signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOtherSessionsAsync(CancellationToken cancellationToken)
    {
        var ended = await sender.Send(new EndMyOtherSessionsCommand(), cancellationToken);
        if (!ended.IsSuccess)
        {
            return this.Failure(ended.Error!, Page);
        }

        Message = ended.Value == 1 ? "One other session was signed out." : $"{ended.Value} other sessions were signed out.";
        return RedirectToPage();
    }

    private void ShowSetup(AuthenticatorSetup setup)
    {
        Setup = setup;
        using var data = QRCodeGenerator.GenerateQrCode(setup.Uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        var factors = await sender.Send(new GetMySecondFactorsQuery(), cancellationToken);
        var sessions = await sender.Send(new ListMySessionsQuery(), cancellationToken);
        if (!factors.IsSuccess || !sessions.IsSuccess)
        {
            return this.Failure((factors.Error ?? sessions.Error)!, Page);
        }

        Factors = factors.Value;
        Sessions = sessions.Value;
        return Page();
    }
}
