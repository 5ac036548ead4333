using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

internal static class LinkTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool HasValidShape(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
