using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>The OpenID Connect discovery document and signing keys of a login host.</summary>
internal static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/.well-known/openid-configuration", static (HttpContext context) => Json.Result(Document(context.Host())))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Discovery);
        routes
            .MapGet("/id/keys", static (IdTokenIssuer issuer) => Json.Result(issuer.Jwks()))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Discovery);
    }

    private static JsonObject Document(HostSlot host) =>
        new()
        {
            ["issuer"] = host.Origin,
            ["authorization_endpoint"] = host.Url("/services/oauth2/authorize"),
            ["token_endpoint"] = host.Url("/services/oauth2/token"),
            ["revocation_endpoint"] = host.Url("/services/oauth2/revoke"),
            ["userinfo_endpoint"] = host.Url("/services/oauth2/userinfo"),
            ["introspection_endpoint"] = host.Url("/services/oauth2/introspect"),
            ["jwks_uri"] = host.Url("/id/keys"),
            ["scopes_supported"] = Array(ConnectedApp.DefaultScopes.Append("full")),
            ["response_types_supported"] = Array(["code"]),
            ["grant_types_supported"] = Array(["authorization_code", "refresh_token"]),
            ["subject_types_supported"] = Array(["public"]),
            ["id_token_signing_alg_values_supported"] = Array(["RS256"]),
            ["display_values_supported"] = Array(["page", "popup", "touch"]),
            ["token_endpoint_auth_methods_supported"] = Array(["client_secret_post", "client_secret_basic"]),
            ["code_challenge_methods_supported"] = Array(["S256"]),
            ["claims_supported"] = Array([
                "active",
                "address",
                "email",
                "email_verified",
                "family_name",
                "given_name",
                "is_app_installed",
                "language",
                "locale",
                "name",
                "nickname",
                "organization_id",
                "phone_number",
                "photos",
                "picture",
                "preferred_username",
                "profile",
                "sub",
                "updated_at",
                "urls",
                "user_id",
                "user_type",
                "zoneinfo",
            ]),
        };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
