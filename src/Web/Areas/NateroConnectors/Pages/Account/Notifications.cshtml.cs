using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Notifications.Commands.SetNotificationPreferences;
using Natero.Connectors.Application.Notifications.Queries.GetNotificationPreferences;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>The signed-in person switches the emails about connections on and off; staff also the daily digest.</summary>
public sealed class NotificationsModel(ISender sender) : PageModel
{
    [BindProperty]
    [Display(Name = "Connection emails")]
    public bool ConnectionEmails { get; set; }

    [BindProperty]
    [Display(Name = "Daily digest")]
    public bool DailyDigest { get; set; }

    /// <summary>Platform staff only: the digest's checkbox is shown to them alone.</summary>
    public bool MayReceiveDigest { get; private set; }

    [TempData(Key = "NotificationsMessage")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await sender.Send(new SetNotificationPreferencesCommand(ConnectionEmails, DailyDigest), cancellationToken);
        if (!saved.IsSuccess)
        {
            // Shown again as the person left it, not as it is stored.
            var posted = (ConnectionEmails, DailyDigest);
            return await this.RedisplayWithAsync(
                async () =>
                {
                    var failed = await LoadAsync(cancellationToken);
                    (ConnectionEmails, DailyDigest) = posted;
                    return failed ?? Page();
                },
                saved.Error!.InPlace()
            );
        }

        Message = "Your notification settings were saved.";
        return RedirectToPage();
    }

    /// <summary>Fills the form with what the person chose; returns the failure to show instead, if any.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var preferences = await sender.Send(new GetNotificationPreferencesQuery(), cancellationToken);
        if (!preferences.IsSuccess)
        {
            return this.Failure(preferences.Error!, Page);
        }

        (ConnectionEmails, DailyDigest, MayReceiveDigest) = preferences.Value;
        return null;
    }
}
