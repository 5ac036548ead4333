using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>
/// Rewrites an id_token the way <see cref="IdTokenFault"/> asks. The header (algorithm, key id) stays as
/// OpenIddict wrote it; claims changed are signed again with the emulator's key, so that only the one fault
/// is wrong, and a bad signature is made with a stranger key under the emulator's key id.
/// </summary>
internal sealed class IdTokenTampering(RSA signingKey) : IDisposable
{
    public const string ForeignIssuer = "https://idp.evil.example/";
    public const string ForeignAudience = "someone-elses-client";

    private readonly RSA _strangerKey = RSA.Create(2048);

    public string Apply(string idToken, IdTokenFault fault)
    {
        if (fault == IdTokenFault.None)
        {
            return idToken;
        }

        var parts = idToken.Split('.');
        if (parts.Length != 3)
        {
            throw new InvalidOperationException("The emulator's id_token is not a signed JWT.");
        }

        var payload = JsonNode.Parse(WebEncoders.Base64UrlDecode(parts[1]))!.AsObject();
        switch (fault)
        {
            case IdTokenFault.WrongIssuer:
                payload["iss"] = ForeignIssuer;
                break;
            case IdTokenFault.WrongAudience:
                payload["aud"] = ForeignAudience;
                break;
            case IdTokenFault.WrongNonce:
                payload["nonce"] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
                break;
        }

        var signedPart = $"{parts[0]}.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var key = fault == IdTokenFault.BadSignature ? _strangerKey : signingKey;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signedPart), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signedPart}.{WebEncoders.Base64UrlEncode(signature)}";
    }

    public void Dispose() => _strangerKey.Dispose();
}
