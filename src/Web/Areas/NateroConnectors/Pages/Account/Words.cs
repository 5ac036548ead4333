namespace Natero.Connectors.Web.Pages.Account;

/// <summary>The words the security page uses.</summary>
public static class Words
{
    public static string Method(string method) =>
        method switch
        {
            "password" => "password",
            "password+second factor" => "password and second factor",
            "passkey" => "passkey",
            _ when method.StartsWith("sso:", StringComparison.Ordinal) => $"single sign-on, {method[4..]}",
            _ => method,
        };
}
