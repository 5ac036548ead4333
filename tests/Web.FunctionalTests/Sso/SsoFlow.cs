using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.IdentityProviderEmulator;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Sso;

/// <summary>
/// A person signing in with "Sign in with Acme SSO" as a browser does it: the app's pages through the test
/// server, the provider's login page over real HTTP on loopback, each redirect followed by hand.
/// </summary>
internal sealed partial class SsoFlow(NateroWebFactory factory, Browser browser)
{
    public const string Provider = "acme";

    /// <summary>Clicks the button on the sign-in page; the provider's authorize URL the app redirects to.</summary>
    public async Task<Uri> StartAsync()
    {
        using var response = await browser.SubmitAsync("/account/sign-in", $"/account/sso/{Provider}", [new("returnUrl", "")]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = response.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).ShouldBe(factory.IdentityProvider.Authority.GetLeftPart(UriPartial.Authority));
        return authorize;
    }

    /// <summary>Logs in on the provider's page; the callback URL (with code and state) it sends the browser back to.</summary>
    public async Task<Uri> LogInAtProviderAsync(Uri authorize, string email, string password = DemoData.Password)
    {
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var html = await provider.GetStringAsync(authorize);
        var fields = HiddenField()
            .Matches(html)
            .Select(m => new KeyValuePair<string, string>(
                WebUtility.HtmlDecode(m.Groups[1].Value),
                WebUtility.HtmlDecode(m.Groups[2].Value)
            ))
            .Append(new("login_email", email))
            .Append(new("login_password", password))
            .ToList();
        using var content = new FormUrlEncodedContent(fields);
        using var response = await provider.PostAsync(new Uri(authorize, "/connect/authorize"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var callback = response.Headers.Location!;
        callback.AbsolutePath.ShouldBe($"/signin-oidc/{Provider}");
        return callback;
    }

    /// <summary>The browser arrives at the app's callback; the app's answer (a redirect, whatever happened).</summary>
    public async Task<HttpResponseMessage> ReturnToAppAsync(Uri callback)
    {
        var response = await browser.GetPageAsync(callback.PathAndQuery);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response;
    }

    /// <summary>The whole round trip; the response of the page the callback redirected to (<c>/account/sso-callback</c>).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email)
    {
        var callback = await LogInAtProviderAsync(await StartAsync(), email);
        using var returned = await ReturnToAppAsync(callback);
        return await browser.GetPageAsync(returned.Headers.Location!.OriginalString);
    }

    public async Task<bool> IsSignedInAsync()
    {
        using var response = await browser.GetPageAsync("/account/change-password");
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<Guid> CreateAccountAsync(NateroWebFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, Tests.Shared.TestUsers.Password)).Succeeded.ShouldBeTrue();
        return user.Id;
    }

    /// <summary>Every (provider, subject) link of every account, as stored.</summary>
    public static Task<List<(Guid UserId, string Provider, string Subject)>> LinksAsync(NateroWebFactory factory) =>
        factory.DbAsync(async db =>
            (await db.Set<IdentityUserLogin<Guid>>().AsNoTracking().ToListAsync())
                .Select(l => (l.UserId, l.LoginProvider, l.ProviderKey))
                .ToList()
        );

    public static Task<bool> AccountExistsAsync(NateroWebFactory factory, string email)
    {
        var normalized = email.ToUpperInvariant();
        return factory.DbAsync(db => db.Set<ApplicationUser>().AnyAsync(u => u.NormalizedEmail == normalized));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\" />")]
    private static partial Regex HiddenField();
}

internal static class SsoDatabase
{
    public static async Task SetSignInPolicyAsync(this NateroWebFactory factory, string slug, string[] ssoDomains, bool breakGlass)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == slug);
        tenant.SetSignInPolicy(tenant.RequireSecondFactor, ssoDomains, breakGlass);
        await db.SaveChangesAsync();
    }
}
