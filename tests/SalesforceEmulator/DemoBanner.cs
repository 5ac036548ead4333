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
            var meaning = host.Org is { } org
                ? $"My Domain '{org.MyDomain}': {org.Name}, {org.Environment}{(org.ApiEnabled ? "" : ", API disabled for the org")}"
                : host.Kind.ToString();
            text.AppendLine(CultureInfo.InvariantCulture, $"  {host.BaseUrl.GetLeftPart(UriPartial.Authority), -26} {meaning}");
        }

        text.AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Connected app: client id {DemoData.ClientId}, secret {DemoData.ClientSecret}, callback {callbackUrl}"
            )
            .AppendLine(CultureInfo.InvariantCulture, $"Users (password {DemoData.Password} for all):");
        foreach (var user in new[] { demo.Admin, demo.NoApiUser, demo.SandboxAdmin, demo.GlobexAdmin })
        {
            var note =
                user.Org.Environment == OrgEnvironment.Sandbox ? "log in via the sandbox login URL" : "log in via the production login URL";
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"  {user.Username, -26} {(user.ApiEnabled ? "API Enabled" : "no API Enabled")}, {user.Org.Name}; {note}"
            );
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

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
