using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>Joining a tenant as an invited person does: through the link of the email the app queued.</summary>
internal static class Invitations
{
    /// <summary>
    /// Opens the last invitation emailed to <paramref name="email"/> in a fresh browser and accepts it: with a new
    /// account whose password is <see cref="TestUsers.Password"/>, or signed in as the existing one.
    /// </summary>
    public static async Task AcceptInvitationAsync(this NateroWebFactory factory, string email)
    {
        var path = (await QueuedEmails.LastTo(factory.Services, email, QueuedEmails.InvitationSubject)).LinkPath();
        bool exists;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            exists = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email) is not null;
        }

        using var browser = factory.NewBrowser();
        if (exists)
        {
            using var signIn = await browser.SignInAsync(email, TestUsers.Password);
            signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"{email} should sign in to accept");
        }

        using var response = exists
            ? await browser.SubmitAsync(path, path + "?handler=Accept", [])
            : await browser.SubmitAsync(
                path,
                path + "?handler=CreateAccount",
                [new("NewAccount.Password", TestUsers.Password), new("NewAccount.ConfirmPassword", TestUsers.Password)]
            );
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldStartWith("/t/");
    }
}
