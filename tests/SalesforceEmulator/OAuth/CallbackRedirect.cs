using System.Net;
using System.Text;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>The 302 back to the client's callback, form-encoded as Salesforce writes it (<c>end-user+denied+authorization</c>).</summary>
internal static class CallbackRedirect
{
    public static IResult Code(AuthorizationRequest request, string code) => To(request, ("code", code));

    public static IResult Error(AuthorizationRequest request, string error, string description) =>
        To(request, ("error", error), ("error_description", description));

    private static IResult To(AuthorizationRequest request, params (string Name, string Value)[] parameters)
    {
        var url = new StringBuilder(request.RedirectUri);
        var separator = request.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in request.State is null ? parameters : [.. parameters, ("state", request.State)])
        {
            url.Append(separator).Append(name).Append('=').Append(WebUtility.UrlEncode(value));
            separator = '&';
        }

        return Results.Redirect(url.ToString());
    }
}
