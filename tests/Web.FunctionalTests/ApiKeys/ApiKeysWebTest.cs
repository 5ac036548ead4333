using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using Natero.Connectors.Web.FunctionalTests.Connections;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>
/// What the API key and authorization link page tests share: creating keys through the forms, the stored rows, other people.
/// </summary>
public abstract partial class ApiKeysWebTest(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    protected const string TenantKeys = "/t/demo/settings/api-keys";
    protected const string PlatformKeys = "/platform/api-keys";
    protected const string Auditor = "auditor@natero.test";
    protected const string ShownOnce = "it will not be shown again";

    /// <summary>
    /// Submits the create form of <paramref name="page"/>; the response is the page with the new key, or the form with its errors.
    /// </summary>
    protected static Task<HttpResponseMessage> CreateKeyAsync(
        Browser browser,
        string page,
        string name,
        IEnumerable<KeyValuePair<string, string>> fields,
        int days = 90
    ) =>
        browser.SubmitAsync(
            page,
            page + "?handler=Create",
            [new("NewKey.Name", name), new("NewKey.ExpiresInDays", days.ToString(CultureInfo.InvariantCulture)), .. fields]
        );

    protected static Task<HttpResponseMessage> CreateTenantKeyAsync(Browser browser, string name, params string[] scopes) =>
        CreateKeyAsync(browser, TenantKeys, name, scopes.Select(s => new KeyValuePair<string, string>("NewKey.Scopes", s)));

    protected static Task<HttpResponseMessage> CreatePlatformKeyAsync(Browser browser, string name, string role) =>
        CreateKeyAsync(browser, PlatformKeys, name, [new("NewKey.Role", role)]);

    /// <summary>The plaintext key a page shows, or null when it shows none.</summary>
    protected static string? PlaintextIn(string html) => CreatedKey().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Creates a key through the tenant page and returns its plaintext.</summary>
    protected static async Task<string> NewTenantKeyAsync(Browser browser, string name, params string[] scopes)
    {
        using var response = await CreateTenantKeyAsync(browser, name, scopes);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        return PlaintextIn(html) ?? throw new ShouldAssertException($"no key on the page:\n{html}");
    }

    /// <summary>The id in the list row of the key named <paramref name="name"/>.</summary>
    protected static Guid KeyIdOf(string html, string name)
    {
        var row = KeyRow().Matches(html).SingleOrDefault(m => m.Groups[2].Value == WebUtility.HtmlEncode(name));
        row.ShouldNotBeNull($"no row for key {name}");
        return Guid.Parse(row.Groups[1].Value);
    }

    /// <summary>The list row of the key with <paramref name="id"/>, up to its end.</summary>
    protected static string RowOf(string html, Guid id)
    {
        var start = html.IndexOf($"data-api-key=\"{id}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(-1, $"key {id} is not listed");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    protected Task<HttpResponseMessage> RevokeAsync(Browser browser, string page, Guid id) =>
        browser.SubmitAsync(page, page + "?handler=Revoke", [new("apiKeyId", id.ToString())]);

    protected async Task<List<ApiKey>> StoredKeysAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .ApiKeys.IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync();
    }

    /// <summary>The demo admin sets the demo member's permissions through the Users page.</summary>
    protected async Task SetMemberPermissionsAsync(params string[] permissions)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await ApiTesting.SetDemoMemberPermissionsAsync(admin, permissions);
    }

    /// <summary>A Natero staff member with the PlatformAuditor role and the shared test password.</summary>
    protected async Task CreateAuditorAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = Auditor,
            Email = Auditor,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, PlatformRoles.PlatformAuditor)).Succeeded.ShouldBeTrue();
    }

    /// <summary>"Table.Column" of every stored value, in every table, that contains <paramref name="text"/>.</summary>
    protected Task<List<string>> StoredValuesContainingAsync(string text) => Factory.StoredValuesContainingAsync(text);

    [GeneratedRegex("<code class=\"secret\" id=\"created-key-value\">([^<]+)</code>")]
    private static partial Regex CreatedKey();

    [GeneratedRegex("<tr data-api-key=\"([0-9a-f-]{36})\">\\s*<th scope=\"row\">\\s*<span class=\"key-name\">([^<]*)</span>")]
    private static partial Regex KeyRow();
}
