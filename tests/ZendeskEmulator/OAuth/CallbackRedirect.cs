using System.Net;
using System.Text;

namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>The 302 back to the client's redirect URL, form-encoded (<c>The+end-user+or+...</c>) as Zendesk writes it.</summary>
internal static class CallbackRedirect
{
    public static IResult Code(AuthorizationRequest request, string code) => To(request.RedirectUri, request.State, ("code", code));

    public static IResult Error(AuthorizationRequest request, string error, string description) =>
        Error(request.RedirectUri, request.State, error, description);

    public static IResult Error(string redirectUri, string? state, string error, string description) =>
        To(redirectUri, state, ("error", error), ("error_description", description));

    private static IResult To(string redirectUri, string? state, params (string Name, string Value)[] parameters)
    {
        var url = new StringBuilder(redirectUri);
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in state is null ? parameters : [.. parameters, ("state", state)])
        {
            url.Append(separator).Append(name).Append('=').Append(WebUtility.UrlEncode(value));
            separator = '&';
        }

        return Results.Redirect(url.ToString());
    }
}
