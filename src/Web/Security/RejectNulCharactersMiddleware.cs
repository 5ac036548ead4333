using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// PostgreSQL cannot store or compare text holding the NUL character, and no page or endpoint needs one:
/// a query string with one is refused with 400 naming the fields, before anything reads it. (The API's
/// bodies are checked by <see cref="RejectNulCharacters"/>.)
/// </summary>
internal sealed class RejectNulCharactersMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        var fields = context
            .Request.Query.Where(q => q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(q => q.Key)
            .ToList();
        if (fields.Count == 0)
        {
            await next(context);
            return;
        }

        if (ProblemDetailsDefaults.WantsHtml(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await RejectNulCharacters.Problem(fields).ExecuteAsync(context);
    }
}
