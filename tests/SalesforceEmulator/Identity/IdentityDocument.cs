using System.Globalization;
using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.Rest;

namespace Natero.Connectors.SalesforceEmulator.Identity;

/// <summary>The identity service's view of a user, in its own field names and in OpenID Connect's.</summary>
internal static class IdentityDocument
{
    public static JsonObject Identity(EmulatorUser user, HostMap hosts) =>
        new()
        {
            ["id"] = hosts.IdentityUrl(user),
            ["asserted_user"] = true,
            ["user_id"] = user.Id,
            ["organization_id"] = user.Org.Id,
            ["username"] = user.Username,
            ["nick_name"] = NickName(user),
            ["display_name"] = user.DisplayName,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["first_name"] = user.FirstName,
            ["last_name"] = user.LastName,
            ["timezone"] = user.TimeZone,
            ["photos"] = Photos(user),
            ["addr_street"] = null,
            ["addr_city"] = null,
            ["addr_state"] = null,
            ["addr_country"] = null,
            ["addr_zip"] = null,
            ["mobile_phone"] = null,
            ["mobile_phone_verified"] = false,
            ["is_lightning_login_user"] = false,
            ["status"] = new JsonObject { ["created_date"] = null, ["body"] = null },
            ["urls"] = Urls(user),
            ["active"] = user.Active,
            ["user_type"] = "STANDARD",
            ["language"] = user.Language,
            ["locale"] = user.Locale,
            ["utcOffset"] = UtcOffsetMilliseconds(user),
            ["last_modified_date"] = SalesforceDate(user.LastModified),
            ["is_app_installed"] = true,
        };

    public static JsonObject UserInfo(EmulatorUser user, HostMap hosts) =>
        new()
        {
            ["sub"] = hosts.IdentityUrl(user),
            ["user_id"] = user.Id,
            ["organization_id"] = user.Org.Id,
            ["preferred_username"] = user.Username,
            ["nickname"] = NickName(user),
            ["name"] = user.DisplayName,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["given_name"] = user.FirstName,
            ["family_name"] = user.LastName,
            ["zoneinfo"] = user.TimeZone,
            ["photos"] = Photos(user),
            ["profile"] = $"{user.Org.InstanceUrl}/{user.Id}",
            ["picture"] = $"{user.Org.InstanceUrl}/profilephoto/005/F",
            ["address"] = new JsonObject(),
            ["is_salesforce_integration_user"] = false,
            ["urls"] = Urls(user),
            ["active"] = user.Active,
            ["user_type"] = "STANDARD",
            ["language"] = user.Language,
            ["locale"] = user.Locale,
            ["utcOffset"] = UtcOffsetMilliseconds(user),
            ["updated_at"] = SalesforceDate(user.LastModified),
            ["is_app_installed"] = true,
        };

    /// <summary>
    /// Replaces the <c>{version}</c> placeholders as the identity service does for <c>?version=</c>
    /// (<c>latest</c> names the newest version); without it they stay for the client to fill in.
    /// </summary>
    public static string Render(JsonObject document, string? version)
    {
        var json = document.ToJsonString(Json.Options);
        return string.IsNullOrEmpty(version)
            ? json
            : json.Replace("{version}", version == "latest" ? ApiVersions.Latest : version, StringComparison.Ordinal);
    }

    private static JsonObject Urls(EmulatorUser user)
    {
        var instance = user.Org.InstanceUrl;
        var orgId = user.Org.Id;
        return new JsonObject
        {
            ["enterprise"] = $"{instance}/services/Soap/c/{{version}}/{orgId}",
            ["metadata"] = $"{instance}/services/Soap/m/{{version}}/{orgId}",
            ["partner"] = $"{instance}/services/Soap/u/{{version}}/{orgId}",
            ["rest"] = instance + "/services/data/v{version}/",
            ["sobjects"] = instance + "/services/data/v{version}/sobjects/",
            ["search"] = instance + "/services/data/v{version}/search/",
            ["query"] = instance + "/services/data/v{version}/query/",
            ["recent"] = instance + "/services/data/v{version}/recent/",
            ["tooling_soap"] = $"{instance}/services/Soap/T/{{version}}/{orgId}",
            ["tooling_rest"] = instance + "/services/data/v{version}/tooling/",
            ["profile"] = $"{instance}/{user.Id}",
            ["feeds"] = instance + "/services/data/v{version}/chatter/feeds",
            ["groups"] = instance + "/services/data/v{version}/chatter/groups",
            ["users"] = instance + "/services/data/v{version}/chatter/users",
            ["feed_items"] = instance + "/services/data/v{version}/chatter/feed-items",
            ["feed_elements"] = instance + "/services/data/v{version}/chatter/feed-elements",
            ["custom_domain"] = instance,
        };
    }

    private static JsonObject Photos(EmulatorUser user) =>
        new() { ["picture"] = $"{user.Org.InstanceUrl}/profilephoto/005/F", ["thumbnail"] = $"{user.Org.InstanceUrl}/profilephoto/005/T" };

    private static string NickName(EmulatorUser user) => user.Username.Split('@')[0];

    /// <summary>Zero where the machine has no time zone data, rather than failing the identity call.</summary>
    private static long UtcOffsetMilliseconds(EmulatorUser user) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(user.TimeZone, out var zone) ? (long)zone.BaseUtcOffset.TotalMilliseconds : 0;

    private static string SalesforceDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
}
