using System.Net;
using System.Text;

namespace Natero.Connectors.IdentityProviderEmulator;

/// <summary>
/// The provider's login form. It posts back to the authorization endpoint with the request's own parameters,
/// so the emulator keeps no session: every authorization asks for a password, as <c>prompt=login</c> would.
/// </summary>
internal static class LoginPage
{
    public const string EmailField = "login_email";
    public const string PasswordField = "login_password";

    public static IResult Render(IEnumerable<KeyValuePair<string, string?>> parameters, string? error, IEnumerable<EmulatorUser> demoUsers)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (name is EmailField or PasswordField || value is null)
            {
                continue;
            }

            hidden
                .Append("<input type=\"hidden\" name=\"")
                .Append(Encode(name))
                .Append("\" value=\"")
                .Append(Encode(value))
                .AppendLine("\" />");
        }

        var users = new StringBuilder();
        foreach (var user in demoUsers)
        {
            users
                .Append("<li><code>")
                .Append(Encode(user.Email))
                .Append("</code> (email ")
                .Append(user.EmailVerified ? "verified" : "not verified")
                .AppendLine(")</li>");
        }

        var alert = error is null ? "" : $"<p role=\"alert\" class=\"error\">{Encode(error)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Identity provider emulator: log in</title>
            <style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}label,input,button{display:block;margin:.4rem 0}
            input{width:100%;padding:.4rem}.error{color:#a00}</style></head>
            <body>
            <h1>Example Identity Provider</h1>
            <p>Log in to continue to the application.</p>
            {{alert}}
            <form method="post" action="/connect/authorize">
            {{hidden}}
            <label for="email">Email</label>
            <input id="email" name="{{EmailField}}" type="email" autocomplete="username" required autofocus />
            <label for="password">Password</label>
            <input id="password" name="{{PasswordField}}" type="password" autocomplete="current-password" required />
            <button type="submit">Log in</button>
            </form>
            <h2>Demo users</h2><ul>{{users}}</ul>
            </body></html>
            """;
        return Results.Content(
            html,
            "text/html; charset=utf-8",
            Encoding.UTF8,
            error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized
        );
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
