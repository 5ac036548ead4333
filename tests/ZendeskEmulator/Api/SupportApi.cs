using System.Globalization;
using System.Text.Json.Nodes;
using Natero.Connectors.ZendeskEmulator.Hosting;
using Natero.Connectors.ZendeskEmulator.OAuth;

namespace Natero.Connectors.ZendeskEmulator.Api;

/// <summary>The few Support API endpoints a connector needs: who am I, can I read tickets, revoke my token.</summary>
internal static class SupportApi
{
    private const int MaxPerPage = 100;

    private static readonly string[] SampleSubjects = ["Printer on fire", "Cannot sign in", "Invoice question"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapApi("GET", "/api/v2/users/me", CurrentUser, EmulatorEndpoint.CurrentUser);
        routes.MapApi("GET", "/api/v2/tickets", Tickets, EmulatorEndpoint.Tickets);
        routes.MapApi("GET", "/api/v2/oauth/tokens/current", ShowCurrentToken, EmulatorEndpoint.OAuthTokens);
        routes.MapApi("DELETE", "/api/v2/oauth/tokens/current", RevokeCurrentToken, EmulatorEndpoint.OAuthTokens);
        routes.MapApi("DELETE", "/api/v2/oauth/tokens/{id:long}", RevokeToken, EmulatorEndpoint.OAuthTokens);
    }

    /// <summary>Without credentials Zendesk answers with an anonymous user (id null); a bad token is 401.</summary>
    private static IResult CurrentUser(HttpContext context, TokenStore tokens)
    {
        if (context.Request.Headers.Authorization.Count == 0)
        {
            return Json.Result(new JsonObject { ["user"] = AnonymousUser() });
        }

        var (token, refusal) = ApiAccess.Authenticate(context, tokens);
        return refusal ?? Json.Result(new JsonObject { ["user"] = UserJson(token!.User) });
    }

    private static IResult Tickets(HttpContext context, TokenStore tokens)
    {
        var (token, refusal) = ApiAccess.Authenticate(context, tokens);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!token!.User.Role.IsStaff() || !Scopes.CanRead(token.Scopes, "tickets"))
        {
            return ApiAccess.Forbidden();
        }

        var perPage = int.TryParse(context.Request.Query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, 1, MaxPerPage)
            : MaxPerPage;
        var account = token.User.Account;
        var all = SampleTickets(account);
        var page = new JsonArray([.. all.Take(perPage)]);
        return Json.Result(
            new JsonObject
            {
                ["tickets"] = page,
                ["next_page"] = all.Count > perPage ? $"{account.Origin}/api/v2/tickets.json?page=2&per_page={perPage}" : null,
                ["previous_page"] = null,
                ["count"] = all.Count,
            }
        );
    }

    private static IResult ShowCurrentToken(HttpContext context, TokenStore tokens)
    {
        var (token, refusal) = ApiAccess.Authenticate(context, tokens);
        return refusal ?? Json.Result(new JsonObject { ["token"] = TokenJson(token!) });
    }

    /// <summary>204 and the token (access and refresh) is dead; see <see cref="EmulatorSettings.RevokeCurrentNeedsWriteScope"/>.</summary>
    private static IResult RevokeCurrentToken(HttpContext context, TokenStore tokens, EmulatorSettings settings)
    {
        var (token, refusal) = ApiAccess.Authenticate(context, tokens);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!settings.RevokeCurrentNeedsWriteScope || Scopes.CanWrite(token!.Scopes))
        {
            tokens.Revoke(token!);
        }

        return Results.NoContent();
    }

    /// <summary>An admin may revoke any token of the account, anyone else only their own; it takes a token with write access.</summary>
    private static IResult RevokeToken(HttpContext context, TokenStore tokens, long id)
    {
        var (caller, refusal) = ApiAccess.Authenticate(context, tokens);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!Scopes.CanWrite(caller!.Scopes))
        {
            return ApiAccess.Forbidden();
        }

        var target = tokens.Find(id);
        if (
            target is null
            || target.User.Account != caller.User.Account
            || (caller.User.Role != ZendeskRole.Admin && target.User != caller.User)
        )
        {
            return ApiAccess.NotFound();
        }

        tokens.Revoke(target);
        return Results.NoContent();
    }

    private static JsonObject UserJson(ZendeskUser user) =>
        new()
        {
            ["id"] = user.Id,
            ["url"] = $"{user.Account.Origin}/api/v2/users/{user.Id.ToString(CultureInfo.InvariantCulture)}.json",
            ["name"] = user.Name,
            ["email"] = user.Email,
            ["created_at"] = Json.Timestamp(user.CreatedAt),
            ["updated_at"] = Json.Timestamp(user.CreatedAt),
            ["time_zone"] = "UTC",
            ["iana_time_zone"] = "Etc/UTC",
            ["locale"] = "en-US",
            ["locale_id"] = 1,
            ["organization_id"] = null,
            ["role"] = user.Role.WireName(),
            ["role_type"] = null,
            ["custom_role_id"] = null,
            ["active"] = true,
            ["verified"] = true,
            ["suspended"] = user.Suspended,
            ["restricted_agent"] = user.Role == ZendeskRole.EndUser,
            ["two_factor_auth_enabled"] = null,
        };

    private static JsonObject AnonymousUser() =>
        new()
        {
            ["id"] = null,
            ["url"] = null,
            ["name"] = "Anonymous user",
            ["email"] = "invalid@example.com",
            ["role"] = "end-user",
            ["active"] = true,
            ["verified"] = false,
        };

    private static JsonObject TokenJson(OAuthToken token) =>
        new()
        {
            ["id"] = token.Id,
            ["url"] = $"{token.User.Account.Origin}/api/v2/oauth/tokens/{token.Id.ToString(CultureInfo.InvariantCulture)}.json",
            ["user_id"] = token.User.Id,
            ["client_id"] = token.Client.Id,
            ["scopes"] = new JsonArray([.. token.Scopes.Select(s => (JsonNode)s)]),
            ["created_at"] = Json.Timestamp(token.CreatedAt),
            ["expires_at"] = token.ExpiresAt is { } expiresAt ? Json.Timestamp(expiresAt) : null,
            ["used_at"] = token.UsedAt is { } usedAt ? Json.Timestamp(usedAt) : null,
        };

    private static List<JsonNode> SampleTickets(ZendeskAccount account) =>
        [
            .. SampleSubjects.Select(
                (subject, index) =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["id"] = index + 1,
                            ["url"] = $"{account.Origin}/api/v2/tickets/{(index + 1).ToString(CultureInfo.InvariantCulture)}.json",
                            ["subject"] = subject,
                            ["status"] = "open",
                            ["created_at"] = "2026-01-05T09:00:00Z",
                        }
            ),
        ];
}
