using System.Net;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Connections;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>
/// /t/{tenant}/connect/{token}: opening a link only shows what it asks; Continue uses it up once and
/// starts the same authorization as Manage OAuth; a used, expired, unknown or foreign link says so.
/// </summary>
public sealed class ConnectLinkPageTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    private const string Continue = "Continue to Salesforce";

    [Fact]
    public async Task Anonymous_visitor_signs_in_and_comes_back_to_the_link()
    {
        var link = await CreateLinkAsync();
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync(link.Path);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signIn = response.Headers.Location!.OriginalString;
        signIn.ShouldContain("/account/sign-in?returnUrl=" + Uri.EscapeDataString(link.Path));
        using var signedIn = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password, link.Path);
        signedIn.Headers.Location!.OriginalString.ShouldBe(link.Path);
        (await browser.GetHtmlAsync(link.Path)).ShouldContain(Continue);
    }

    [Fact]
    public async Task Opening_the_link_says_who_asks_for_what_and_does_not_use_it_up()
    {
        var link = await CreateLinkAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var html = await browser.GetHtmlAsync(link.Path);
        var again = await browser.GetHtmlAsync(link.Path);

        html.ShouldContain(
            $"<strong>{TestUsers.DemoAdmin}</strong> asks you to connect "
                + "<strong>Salesforce (Production)</strong> to <strong>Demo Company</strong>."
        );
        html.ShouldContain($">{link.ExpiresAt:yyyy-MM-dd HH:mm} UTC</time>");
        html.ShouldContain($"<button type=\"submit\" class=\"primary\">{Continue}</button>");
        html.ShouldContain("name=\"__af\"");
        again.ShouldContain(Continue);
        (await LinkAsync(link.Id)).UsedAt.ShouldBeNull();
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Continue_uses_the_link_and_redirects_to_the_salesforce_authorize_url_with_the_binding_cookie()
    {
        var link = await CreateLinkAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(link.Path, link.Path, []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!;
        location
            .GetLeftPart(UriPartial.Path)
            .ShouldBe(new Uri(Factory.Salesforce.ProductionLoginUrl, "/services/oauth2/authorize").ToString());
        ConnectFlow.Query(location, "redirect_uri").ShouldBe(NateroWebFactory.CallbackUrl);
        ConnectFlow.Query(location, "code_challenge_method").ShouldBe("S256");
        SetCookies(response).ShouldContain(c => c.StartsWith(BindingCookie + "=", StringComparison.Ordinal));
        var used = await LinkAsync(link.Id);
        used.UsedAt.ShouldNotBeNull();
        (await PendingAuthorizationsAsync()).ShouldHaveSingleItem().ReturnUrl.ShouldBe("/t/demo");
        (await AuditEventsAsync("connection.authorization_link_used")).ShouldHaveSingleItem();
        (await AuditEventsAsync("connection.authorization_started")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_authorization_started_from_a_link_completes_and_returns_where_the_link_said()
    {
        var link = await CreateLinkAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        using var started = await browser.SubmitAsync(link.Path, link.Path, []);

        var callback = await ConnectFlow.AtSalesforceAsync(started.Headers.Location!, SalesforceAdmin);
        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/t/demo");
        (await ConnectionsAsync()).ShouldHaveSingleItem().ExternalOrgId.ShouldBe(SalesforceAdmin.Org.Id);
    }

    [Fact]
    public async Task A_second_continue_is_refused_as_already_used()
    {
        var link = await CreateLinkAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        using (var first = await browser.SubmitAsync(link.Path, link.Path, []))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // The link's own page no longer offers the form, so the antiforgery token comes from another page.
        using var second = await browser.SubmitAsync(ManageOAuth, link.Path, []);
        using var opened = await browser.GetPageAsync(link.Path);

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await second.Content.ReadAsStringAsync();
        html.ShouldContain("This link was already used.");
        html.ShouldContain($"<a href=\"{ManageOAuth}\">Go to Manage OAuth</a>");
        html.ShouldNotContain(Continue);
        opened.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await opened.Content.ReadAsStringAsync()).ShouldContain("This link was already used.");
        (await PendingAuthorizationsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_when_it_expired()
    {
        var link = await CreateLinkAsync();
        await ExpireAsync(link.Id);
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var opened = await browser.GetPageAsync(link.Path);
        using var posted = await browser.SubmitAsync(ManageOAuth, link.Path, []);

        opened.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await opened.Content.ReadAsStringAsync();
        html.ShouldContain("This link expired at ");
        html.ShouldContain($"<a href=\"{ManageOAuth}\">Go to Manage OAuth</a>");
        html.ShouldNotContain(Continue);
        posted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await LinkAsync(link.Id)).UsedAt.ShouldBeNull();
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task An_unknown_link_is_404_with_a_way_on(string token)
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.GetPageAsync($"/t/demo/connect/{token}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("There is no such link in this tenant.");
        html.ShouldContain($"<a href=\"{ManageOAuth}\">Go to Manage OAuth</a>");
        html.ShouldNotContain("Exception");
    }

    [Fact]
    public async Task Another_tenants_link_is_404_in_ones_own_tenant_and_stays_unused()
    {
        await CreateOtherTenantAsync();
        var link = await CreateLinkAsync();
        using var intruder = await SignedInAs(OtherTenantAdmin);
        var inOther = link.Path.Replace("/t/demo/", "/t/other/", StringComparison.Ordinal);

        using var inDemo = await intruder.GetPageAsync(link.Path);
        using var opened = await intruder.GetPageAsync(inOther);
        using var posted = await intruder.SubmitAsync("/t/other/settings/it-administration/oauth", inOther, []);

        inDemo.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        opened.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        posted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await LinkAsync(link.Id)).UsedAt.ShouldBeNull();
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Member_who_may_not_configure_data_connectors_gets_403_naming_the_permission()
    {
        var link = await CreateLinkAsync();
        using var browser = await SignedInAs(TestUsers.DemoMember);

        using var response = await browser.GetPageAsync(link.Path);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You need the &quot;Configure data connectors&quot; permission");
        (await LinkAsync(link.Id)).UsedAt.ShouldBeNull();
    }

    private sealed record CreatedLink(Guid Id, string Path, DateTimeOffset ExpiresAt);

    /// <summary>A link made through the mediator, as the API makes them, by the demo admin in the demo tenant.</summary>
    private async Task<CreatedLink> CreateLinkAsync(string returnUrl = "/t/demo")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(TestUsers.DemoAdmin);
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user!);
        var tenant = await services.GetRequiredService<ApplicationDbContext>().Tenants.SingleAsync(t => t.Slug == TestUsers.DemoTenant);
        services.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, TestUsers.DemoTenant);
        var http = services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        http.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { User = principal, RequestServices = services };
        try
        {
            var created = await services
                .GetRequiredService<ISender>()
                .Send(new CreateAuthorizationLinkCommand("salesforce", "Production", null, returnUrl));
            created.IsSuccess.ShouldBeTrue(created.Error?.Message);
            return new CreatedLink(created.Value.Id, $"/t/demo/connect/{created.Value.Token}", created.Value.ExpiresAt);
        }
        finally
        {
            http.HttpContext = null;
        }
    }

    private async Task<AuthorizationLink> LinkAsync(Guid id)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .AuthorizationLinks.IgnoreQueryFilters()
            .AsNoTracking()
            .SingleAsync(l => l.Id == id);
    }

    /// <summary>Moves the link's expiry into the past, as half an hour going by would.</summary>
    private async Task ExpireAsync(Guid id)
    {
        var tenantId = (await LinkAsync(id)).TenantId;
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId, TestUsers.DemoTenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var link = await db.AuthorizationLinks.SingleAsync(l => l.Id == id);
        db.Entry(link).Property(nameof(AuthorizationLink.ExpiresAt)).CurrentValue = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        await db.SaveChangesAsync();
    }
}
