using System.Globalization;
using System.Text;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>What <c>dotnet run</c> prints: the provider, the demo people and how to point Natero at it.</summary>
internal static class DemoBanner
{
    public const string ProviderName = "acme";
    public const string DisplayName = "Acme SSO";
    public const string EmailDomain = "acme.example";

    public static string Describe(IdentityProviderEmulatorHost emulator, string redirectUri)
    {
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Identity provider emulator is running at {emulator.Authority} (Ctrl+C stops it).")
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Client: id {emulator.Client.ClientId}, secret {emulator.Client.ClientSecret}, redirect URI {redirectUri}"
            )
            .AppendLine(CultureInfo.InvariantCulture, $"Users (password {DemoData.Password} for all):");
        foreach (var user in emulator.Users.Users)
        {
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"  {user.Email, -24} email {(user.EmailVerified ? "verified" : "NOT verified")}"
            );
        }

        text.AppendLine().AppendLine("Point the Natero app at it (environment variables):");
        foreach (var (key, value) in emulator.AppSettings(ProviderName, DisplayName, EmailDomain))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  export {key.Replace(":", "__", StringComparison.Ordinal)}='{value}'");
        }

        return text.ToString();
    }
}
