using System.Globalization;
using System.Text;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>What <c>dotnet run</c> prints: the hosts, the demo credentials and how to point Natero at them.</summary>
internal static class DemoBanner
{
    public const int DefaultPort = 5501;

    /// <summary>The port of the first of <c>--urls</c>; its host is ignored, since every host has its own loopback address.</summary>
    public static int PortOf(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return DefaultPort;
        }

        return Uri.TryCreate(
            first.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal),
            UriKind.Absolute,
            out var uri
        )
            ? uri.Port
            : throw new ArgumentException($"--urls '{urls}' is not a URL such as http://127.0.0.1:{DefaultPort}.", nameof(urls));
    }

    public static string Describe(SalesforceEmulatorHost emulator, string callbackUrl)
    {
        var demo = emulator.Demo;
        var text = new StringBuilder().AppendLine().AppendLine("Salesforce emulator is running (Ctrl+C stops it). Hosts:");
        foreach (var host in emulator.Hosts)
        {
            var meaning = host.Org is { } org ? $"My Domain '{org.MyDomain}': {Describe(org, demo.App)}" : host.Kind.ToString();
            text.AppendLine(CultureInfo.InvariantCulture, $"  {host.BaseUrl.GetLeftPart(UriPartial.Authority), -26} {meaning}");
        }

        text.AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Connected app: client id {DemoData.ClientId}, secret {DemoData.ClientSecret}, callback {callbackUrl}"
            )
            .AppendLine(CultureInfo.InvariantCulture, $"Users (password {DemoData.Password} for all):");
        foreach (var user in demo.Users)
        {
            var note =
                user.Org.Environment == OrgEnvironment.Sandbox ? "log in via the sandbox login URL" : "log in via the production login URL";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {user.Username, -28} {Describe(user, demo.App)}, {user.Org.Name}; {note}");
        }

        return text.AppendLine()
            .AppendLine("Point the Natero app at it (environment variables):")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Salesforce__ClientId={DemoData.ClientId}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Salesforce__ClientSecret={DemoData.ClientSecret}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Salesforce__CallbackUrl={callbackUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Salesforce__ProductionLoginUrl={Origin(emulator.ProductionLoginUrl)}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export Salesforce__SandboxLoginUrl={Origin(emulator.SandboxLoginUrl)}")
            .AppendLine("  export Salesforce__AllowLoopbackHttp=true")
            .ToString();
    }

    private static string Describe(SalesforceOrg org, ConnectedApp app)
    {
        var settings = app.In(org);
        List<string> notes = [org.Name, org.Environment.ToString(), org.Edition, $"instance {org.InstanceName}"];
        if (!org.ApiEnabled)
        {
            notes.Add("API disabled for the org");
        }

        if (!settings.Installed)
        {
            notes.Add("demo app not installed");
        }

        if (settings.Blocked)
        {
            notes.Add("demo app blocked");
        }

        if (settings.AdminApprovedUsersOnly)
        {
            notes.Add("demo app for admin approved users only");
        }

        return string.Join(", ", notes);
    }

    private static string Describe(EmulatorUser user, ConnectedApp app)
    {
        List<string> notes = [user.ApiEnabled ? "API Enabled" : "no API Enabled"];
        if (!user.Active)
        {
            notes.Add("inactive");
        }

        if (user.LoginIpRestricted)
        {
            notes.Add("login IP ranges exclude the client (ip restricted)");
        }

        if (user.ApproveUninstalledConnectedApps)
        {
            notes.Add("Approve Uninstalled Connected Apps");
        }

        if (app.RequiresAdminApprovalIn(user.Org))
        {
            notes.Add(app.Admits(user) ? "pre-authorized for the demo app" : "not pre-authorized for the demo app");
        }

        return string.Join(", ", notes);
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
