using System.Globalization;
using System.Text;

namespace Natero.Connectors.ZendeskEmulator;

/// <summary>What <c>dotnet run</c> prints: the accounts, the demo credentials and the Natero settings.</summary>
internal static class DemoBanner
{
    public const int DefaultFirstPort = 5521;

    public static string Describe(ZendeskEmulatorHost emulator, string callbackUrl)
    {
        var demo = emulator.Demo;
        var text = new StringBuilder().AppendLine().AppendLine("Zendesk emulator is running (Ctrl+C stops it). Accounts:");
        foreach (var account in emulator.Accounts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {account.Origin, -24} {account.Subdomain}.zendesk.com ({account.Name})");
        }

        text.AppendLine()
            .AppendLine("OAuth clients (owned by acme unless global; redirect URL " + callbackUrl + "):")
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"  {DemoData.ClientId} / {DemoData.ClientSecret}   tokens expire (expires_in + refresh token)"
            )
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"  {DemoData.LegacyClientId} / {DemoData.LegacyClientSecret}   legacy: tokens never expire"
            )
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"  {DemoData.GlobalClientId} / {DemoData.GlobalClientSecret}   global: works on every account"
            )
            .AppendLine(CultureInfo.InvariantCulture, $"Users (password {DemoData.Password} for all):");
        foreach (var user in new[] { demo.Admin, demo.Agent, demo.EndUser, demo.SuspendedUser, demo.GlobexAdmin })
        {
            var note =
                user.Suspended ? "suspended: cannot sign in"
                : user.Role == ZendeskRole.EndUser ? "no API access (tickets answer 403)"
                : "API access";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {user.Email, -32} {user.Role, -8} {user.Account.Subdomain, -7} {note}");
        }

        return text.AppendLine()
            .AppendLine("Point the Natero app at it (environment variables):")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Zendesk__ClientId={DemoData.ClientId}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Zendesk__ClientSecret={DemoData.ClientSecret}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Zendesk__CallbackUrl={callbackUrl}")
            .AppendLine("  export Zendesk__AllowLoopbackHttp=true")
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Then type {demo.Acme.Origin} as the Zendesk subdomain (it stands for acme.zendesk.com)."
            )
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"{demo.Globex.Origin} (globex) refuses acme's clients; use {DemoData.GlobalClientId} there."
            )
            .ToString();
    }
}
