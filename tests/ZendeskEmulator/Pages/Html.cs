using System.Text;
using System.Text.Encodings.Web;

namespace Natero.Connectors.ZendeskEmulator.Pages;

/// <summary>The emulator's server-rendered pages: plain forms that work without JavaScript.</summary>
internal static class Html
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f8f9f9;margin:0;color:#2f3941}"
        + "main{max-width:26rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 4px #0003}"
        + "h1{color:#03363d;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}"
        + "input{width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem}"
        + "button{margin-top:1.5rem;padding:.6rem 1.4rem;background:#03363d;color:#fff;border:0;border-radius:.25rem;font-size:1rem}"
        + "button.secondary{background:#fff;color:#03363d;border:1px solid #03363d;margin-right:.5rem}"
        + ".error{color:#cc3340}.account{color:#68737d;font-size:.85rem}";

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
