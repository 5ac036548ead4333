using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// <c>RateLimits:SignIn:PermitLimit</c> / <c>Window</c>: POSTs to the sign-in, reset and invitation pages per client address.
/// </summary>
public sealed class SignInRateLimits
{
    public const string Section = "RateLimits:SignIn";

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits password guessing from one address across accounts, on top of Identity's lockout of one account.
/// Only form posts count: showing the page is free. A refusal is a page that says when to try again.
/// </summary>
internal sealed class SignInRateLimitPolicy(IOptions<SignInRateLimits> limits) : IRateLimiterPolicy<string>
{
    public const string Name = "sign-in";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } =
        async (context, cancellationToken) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            var response = context.HttpContext.Response;
            var stylesheet = context.HttpContext.NateroPath("/css/site.css");
            var signIn = context.HttpContext.NateroPath("/account/sign-in");
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            response.ContentType = "text/html; charset=utf-8";
            await response.WriteAsync(
                $"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts · Natero Connectors</title>
                <link rel="stylesheet" href="{stylesheet}"></head>
                <body class="natero-connectors"><main class="content"><section class="card narrow">
                <h1>Too many attempts</h1><p>Too many attempts came from your network. Try again in {seconds} seconds.</p>
                <p><a href="{signIn}">Back to sign in</a></p></section></main></body></html>
                """,
                cancellationToken
            );
        };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var value = limits.Value;
        return FixedWindows.For(httpContext, $"sign-in:{httpContext.Connection.RemoteIpAddress}", value.PermitLimit, value.Window);
    }
}
