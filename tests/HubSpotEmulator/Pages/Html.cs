using System.Text;
using System.Text.Encodings.Web;

namespace Natero.Connectors.HubSpotEmulator.Pages;

/// <summary>The emulator's server-rendered pages: plain forms that work without JavaScript.</summary>
internal static class Html
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f5f8fa;margin:0;color:#33475b}"
        + "main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0003}"
        + "h1{color:#ff7a59;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}"
        + "input{width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem}"
        + "button{margin-top:1rem;padding:.6rem 1.4rem;background:#ff7a59;color:#fff;border:0;border-radius:.25rem;font-size:1rem}"
        + "button.secondary{background:#fff;color:#33475b;border:1px solid #cbd6e2;margin-right:.5rem}"
        + "button.account{display:block;width:100%;text-align:left;background:#fff;color:#33475b;border:1px solid #cbd6e2}"
        + ".error{color:#d94c53}.note{color:#516f90;font-size:.85rem}";

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title))
            .Append("</title><style>")
            .Append(Style)
            .Append("</style></head><body><main>")
            .Append(body)
            .Append("</main></body></html>")
            .ToString();
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
