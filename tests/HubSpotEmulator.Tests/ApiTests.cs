using System.Net;

namespace Natero.Connectors.HubSpotEmulator.Tests;

public sealed class ApiTests : EmulatorTest
{
    [Fact]
    public async Task Contacts_probe_answers_a_page_of_the_accounts_contacts()
    {
        var token = await ConnectAsync();

        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        var contact = body["results"]!.AsArray().ShouldHaveSingleItem()!;
        Field(contact, "id").ShouldNotBeNullOrEmpty();
        Field(contact["properties"], "email").ShouldEndWith("@acme-demo.example");
        contact["archived"]!.GetValue<bool>().ShouldBeFalse();
        Field(body["paging"]!["next"], "after").ShouldBe("1");
        Field(body["paging"]!["next"], "link").ShouldContain("/crm/v3/objects/contacts?limit=1&after=1");
    }

    [Fact]
    public async Task The_last_page_has_no_paging()
    {
        var token = await ConnectAsync();

        var (_, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=100&after=2", Field(token, "access_token"));

        body["results"]!.AsArray().Count.ShouldBe(3);
        body.ShouldNotContainKey("paging");
    }

    [Fact]
    public async Task No_bearer_token_is_401_invalid_authentication()
    {
        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", accessToken: null);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "status").ShouldBe("error");
        Field(body, "category").ShouldBe("INVALID_AUTHENTICATION");
        Field(body, "message").ShouldStartWith("Authentication credentials not found.");
        body.ShouldContainKey("correlationId");
    }

    [Fact]
    public async Task An_unknown_token_is_401_invalid_authentication()
    {
        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", "not-a-token");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "category").ShouldBe("INVALID_AUTHENTICATION");
    }

    [Fact]
    public async Task An_access_token_older_than_30_minutes_is_401_expired_authentication()
    {
        var token = await ConnectAsync();
        Time.Advance(TimeSpan.FromMinutes(35));

        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "category").ShouldBe("EXPIRED_AUTHENTICATION");
        Field(body, "message").ShouldBe("The OAuth token used to make this call expired 5 minute(s) ago.");
    }

    [Fact]
    public async Task Expire_all_access_tokens_makes_the_next_call_expired_and_refresh_still_works()
    {
        var token = await ConnectAsync();

        Emulator.ExpireAllAccessTokens();

        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"));
        status.ShouldBe(HttpStatusCode.Unauthorized);
        Field(body, "category").ShouldBe("EXPIRED_AUTHENTICATION");
        var (_, refreshed) = await RefreshAsync(Field(token, "refresh_token"));
        (await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(refreshed, "access_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_without_the_contacts_scope_is_403_missing_scopes_naming_it()
    {
        var token = await ConnectAsync(Demo.Limited, scope: "oauth", optionalScope: "crm.objects.contacts.read");

        var (status, body) = await GetJsonAsync("crm/v3/objects/contacts?limit=1", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        Field(body, "status").ShouldBe("error");
        Field(body, "category").ShouldBe("MISSING_SCOPES");
        Field(body, "message").ShouldStartWith("This app hasn't been granted all required scopes to make this call.");
        var error = body["errors"]!.AsArray().ShouldHaveSingleItem()!;
        Field(error, "message").ShouldBe("One or more of the following scopes are required.");
        Strings(error["context"], "requiredGranularScopes").ShouldBe(["crm.objects.contacts.read"]);
        Field(body["links"], "scopes").ShouldBe("https://developers.hubspot.com/scopes");
    }

    [Fact]
    public async Task Account_details_describe_the_tokens_account()
    {
        var token = await ConnectAsync(Demo.Limited, scope: "oauth");

        var (status, body) = await GetJsonAsync("account-info/v3/details", Field(token, "access_token"));

        status.ShouldBe(HttpStatusCode.OK);
        Number(body, "portalId").ShouldBe(12345678);
        Field(body, "accountType").ShouldBe("STANDARD");
        Field(body, "timeZone").ShouldBe("US/Eastern");
        Field(body, "companyCurrency").ShouldBe("USD");
        Field(body, "utcOffset").ShouldBe("-05:00");
        Number(body, "utcOffsetMilliseconds").ShouldBe(-18_000_000);
        Field(body, "uiDomain").ShouldBe("app.hubspot.com");
        Field(body, "dataHostingLocation").ShouldBe("na1");
    }

    [Fact]
    public async Task Account_details_of_the_eu_account()
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Consultant, pkce, hubId: Demo.Globex.HubId);
        var (_, token) = await ExchangeAsync(code, pkce);

        var (_, body) = await GetJsonAsync("account-info/v3/details", Field(token, "access_token"));

        Number(body, "portalId").ShouldBe(23456789);
        Field(body, "dataHostingLocation").ShouldBe("eu1");
        Field(body, "utcOffset").ShouldBe("+01:00");
        Field(token, "refresh_token").ShouldStartWith("eu1-");
    }
}
