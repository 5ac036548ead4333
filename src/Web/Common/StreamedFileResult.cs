using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Natero.Connectors.Web.Common;

/// <summary>A download written straight to the response as it is produced, never held in memory whole.</summary>
public sealed class StreamedFileResult(string fileName, string contentType, Func<Stream, CancellationToken, Task> write)
    : IActionResult,
        IResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = fileName,
            FileName = fileName,
        }.ToString();
        await write(response.Body, httpContext.RequestAborted);
    }
}
