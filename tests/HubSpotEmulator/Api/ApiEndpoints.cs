using System.Globalization;
using System.Text.Json.Nodes;
using Natero.Connectors.HubSpotEmulator.Hosting;
using Natero.Connectors.HubSpotEmulator.OAuth;

namespace Natero.Connectors.HubSpotEmulator.Api;

/// <summary>
/// The part of api.hubapi.com that a connector needs to prove access: a page of contacts and the account details.
/// </summary>
internal static class ApiEndpoints
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/crm/v3/objects/contacts", ListContacts).Tagged(EmulatorEndpoint.Crm);
        foreach (var version in new[] { "v3", "2026-03" })
        {
            routes.MapGet($"/account-info/{version}/details", AccountDetails).Tagged(EmulatorEndpoint.AccountInfo);
        }
    }

    private static IResult ListContacts(HttpContext context, TokenStore tokens)
    {
        var (access, failure) = ApiAccess.Authenticate(context, tokens, Scopes.ContactsRead);
        if (access is null)
        {
            return failure!;
        }

        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l)
            ? Math.Clamp(l, 1, MaxPageSize)
            : DefaultPageSize;
        var start = int.TryParse(query["after"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        var contacts = SampleContacts.For(access.Grant.Portal);
        var page = contacts.Skip(start).Take(limit).ToList();
        var body = new JsonObject { ["results"] = new JsonArray([.. page.Select(Contact)]) };
        if (start + page.Count < contacts.Count)
        {
            var after = (start + page.Count).ToString(CultureInfo.InvariantCulture);
            var link = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?limit={limit}&after={after}";
            body["paging"] = new JsonObject
            {
                ["next"] = new JsonObject { ["after"] = after, ["link"] = link },
            };
        }

        return Json.Result(body);
    }

    private static IResult AccountDetails(HttpContext context, TokenStore tokens)
    {
        var (access, failure) = ApiAccess.Authenticate(context, tokens);
        if (access is null)
        {
            return failure!;
        }

        var portal = access.Grant.Portal;
        var offset = portal.UtcOffset;
        return Json.Result(
            new JsonObject
            {
                ["portalId"] = portal.HubId,
                ["accountType"] = portal.AccountType,
                ["timeZone"] = portal.TimeZone,
                ["companyCurrency"] = portal.CompanyCurrency,
                ["additionalCurrencies"] = new JsonArray([.. portal.AdditionalCurrencies.Select(c => JsonValue.Create(c))]),
                ["utcOffset"] = (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
                ["utcOffsetMilliseconds"] = (long)offset.TotalMilliseconds,
                ["uiDomain"] = portal.UiDomain,
                ["dataHostingLocation"] = portal.DataHostingLocation,
            }
        );
    }

    private static JsonObject Contact(SampleContacts.Contact contact)
    {
        var created = Timestamp(contact.CreatedAt);
        var updated = Timestamp(contact.UpdatedAt);
        return new JsonObject
        {
            ["id"] = contact.Id,
            ["properties"] = new JsonObject
            {
                ["createdate"] = created,
                ["email"] = contact.Email,
                ["firstname"] = contact.FirstName,
                ["hs_object_id"] = contact.Id,
                ["lastmodifieddate"] = updated,
                ["lastname"] = contact.LastName,
            },
            ["createdAt"] = created,
            ["updatedAt"] = updated,
            ["archived"] = false,
        };
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
