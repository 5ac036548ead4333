namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>The client and people every emulator starts with (README.md lists them).</summary>
public static class DemoData
{
    public const int DefaultPort = 5601;
    public const string ClientId = "natero-sso-demo";
    public const string ClientSecret = "natero-sso-demo-secret";
    public const string Password = "Demo-Passw0rd!";
    public const string DefaultRedirectUri = "http://localhost:5080/signin-oidc/acme";

    /// <summary>Acme's IT administrator; the provider vouches for the email.</summary>
    public const string Alice = "alice@acme.example";

    /// <summary>Acme's domain, but the provider says the email was never verified.</summary>
    public const string Mallory = "mallory@acme.example";

    /// <summary>Verified, but of another domain than Acme's.</summary>
    public const string Bob = "bob@globex.example";

    internal static void Seed(EmulatorDirectory directory)
    {
        directory.Add(new EmulatorUser("a1f0c6d2-0001-4d6e-9a57-acme00000001", Alice, EmailVerified: true, "Alice Admin", Password));
        directory.Add(
            new EmulatorUser("a1f0c6d2-0002-4d6e-9a57-acme00000002", Mallory, EmailVerified: false, "Mallory Unverified", Password)
        );
        directory.Add(new EmulatorUser("b0b0c6d2-0003-4d6e-9a57-globex000003", Bob, EmailVerified: true, "Bob Globex", Password));
    }
}
