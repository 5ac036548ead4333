using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>Signs OpenID Connect id tokens (RS256) and publishes the key at <c>/id/keys</c>.</summary>
internal sealed class IdTokenIssuer(TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Made on first use: most emulator runs never see the openid scope, and an RSA key is slow to make.
    private readonly Lazy<RSA> _key = new(() => RSA.Create(2048));

    public string KeyId { get; } = TokenValues.Opaque()[..10];

    public string Issue(HostSlot issuer, AccessSession session, string identityUrl, string? nonce)
    {
        var now = time.GetUtcNow();
        var user = session.User;
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = KeyId };
        var claims = new JsonObject
        {
            ["at_hash"] = TokenValues.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(session.Value)).AsSpan(0, 16)),
            ["sub"] = identityUrl,
            ["aud"] = session.Grant.App.ClientId,
            ["iss"] = issuer.Origin,
            ["name"] = user.DisplayName,
            ["preferred_username"] = user.Username,
            ["email"] = user.Email,
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        var signingInput = $"{Part(header)}.{Part(claims)}";
        var signature = _key.Value.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{TokenValues.Base64Url(signature)}";
    }

    public JsonObject Jwks()
    {
        var parameters = _key.Value.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(
                new JsonObject
                {
                    ["kty"] = "RSA",
                    ["n"] = TokenValues.Base64Url(parameters.Modulus),
                    ["e"] = TokenValues.Base64Url(parameters.Exponent),
                    ["alg"] = "RS256",
                    ["use"] = "sig",
                    ["kid"] = KeyId,
                }
            ),
        };
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    private static string Part(JsonObject json) => TokenValues.Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString(Json.Options)));
}
