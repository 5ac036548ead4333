using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// A page rendered in answer to a form post may show what the post just made, a new API key or an account's
/// first password, which is shown that once: no browser, proxy or history may keep it (S20). Pages reached by
/// a redirect after a post show no secret and are left alone.
/// </summary>
internal sealed class NoStoreAfterPost : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && context.Result is PageResult)
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
        }
    }

    public void OnResultExecuted(ResultExecutedContext context) { }
}
