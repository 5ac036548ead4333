using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// PostgreSQL cannot store or compare text holding the NUL character, and no page or endpoint needs one:
/// a query string with one is refused with 400 naming the fields, before anything reads it. (The API's
/// bodies are checked by <see cref="RejectNulCharacters"/>.)
/// </summary>
internal sealed class RejectNulCharactersMiddleware(RequestDelegate next)
{
    private const string Message = "Text may not contain the NUL character (\\u0000).";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        var fields = context.Request.Query.Where(q => q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Select(q => q.Key).ToList();
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

        var problem = ApiProblems.From(new Error(ErrorKind.Validation, "invalid_characters", Message)
        {
            Fields = fields.ToDictionary(f => f, _ => new[] { Message }, StringComparer.Ordinal),
        });
        await problem.ExecuteAsync(context);
    }
}
