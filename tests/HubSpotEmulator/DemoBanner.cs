using System.Globalization;
using System.Text;

namespace Natero.Connectors.HubSpotEmulator;

/// <summary>What <c>dotnet run</c> prints: the URLs, the demo credentials and the settings that point Natero at them.</summary>
internal static class DemoBanner
{
    public const int DefaultPort = 5511;

    /// <summary>The port of the first of <c>--urls</c>; the emulator always listens on 127.0.0.1.</summary>
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

    public static string Describe(HubSpotEmulatorHost emulator, string callbackUrl)
    {
        var demo = emulator.Demo;
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"HubSpot emulator is running on {Origin(emulator.BaseUrl)} (Ctrl+C stops it).")
            .AppendLine()
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"App: client id {DemoData.ClientId}, secret {DemoData.ClientSecret}, redirect URL {callbackUrl}"
            )
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"Accounts: {demo.Acme} at {demo.Acme.HubDomain}; {demo.Globex} at {demo.Globex.HubDomain}"
            )
            .AppendLine(CultureInfo.InvariantCulture, $"Users (password {DemoData.Password} for all):")
            .AppendLine(CultureInfo.InvariantCulture, $"  {demo.Admin.Email, -34} Super Admin of {demo.Acme.Name}")
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"  {demo.Limited.Email, -34} may install apps in {demo.Acme.Name} but cannot grant the CRM scopes"
            )
            .AppendLine(
                CultureInfo.InvariantCulture,
                $"  {demo.Consultant.Email, -34} Super Admin of {demo.Acme.Name} and {demo.Globex.Name} (account chooser)"
            );

        return text.AppendLine()
            .AppendLine("Point the Natero app at it (environment variables):")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__ClientId={DemoData.ClientId}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__ClientSecret={DemoData.ClientSecret}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__CallbackUrl={callbackUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__AuthorizeUrl={emulator.AuthorizeUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__TokenUrl={emulator.TokenUrl}")
            .AppendLine(CultureInfo.InvariantCulture, $"  export HubSpot__ApiBaseUrl={Origin(emulator.ApiBaseUrl)}")
            .AppendLine("  export HubSpot__AllowLoopbackHttp=true")
            .ToString();
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
