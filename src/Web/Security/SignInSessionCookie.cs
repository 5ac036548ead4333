using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Infrastructure.Identity;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// Ties each session cookie to a row of <see cref="SignInSession"/>: the row is written when the cookie is
/// first issued, whatever signed the person in (password, second factor, passkey, SSO), and every request
/// checks it is still open, so a session ended anywhere stops working at once on every instance. A cookie
/// renewed for the same sign-in (a password change, a new factor) keeps its session.
/// </summary>
internal static class SignInSessionCookie
{
    /// <summary>The claim that names the session; also kept in the cookie's properties, which a renewal keeps.</summary>
    private const string SessionClaim = AccountClaims.SessionId;

    private const string SessionItem = ".natero.sid";

    /// <summary>How often an open session's "last seen" is written; a read happens on every request regardless.</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (
            context.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId)
        )
        {
            return;
        }

        if (!context.Properties.Items.TryGetValue(SessionItem, out var kept) || !Guid.TryParse(kept, out var sessionId))
        {
            var http = context.HttpContext;
            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            sessionId = Ids.New(time);
            var session = SignInSession.Start(
                sessionId,
                userId,
                SignInMethods.Of(context.Principal),
                http.Connection.RemoteIpAddress?.ToString(),
                http.Request.Headers.UserAgent.ToString(),
                time.GetUtcNow()
            );

            // A scope of its own: the sign-in happens inside a command whose unit of work is not this row's.
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            db.SignInSessions.Add(session);
            await db.SaveChangesAsync(http.RequestAborted);
            context.Properties.Items[SessionItem] = sessionId.ToString("N");
        }

        foreach (var stale in identity.FindAll(SessionClaim).ToList())
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(SessionClaim, sessionId.ToString("N")));
    }

    /// <summary>Runs after the security stamp check; a principal it rejected is not looked at again.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }

        var http = context.HttpContext;
        if (
            SessionIdOf(context.Principal) is not { } sessionId
            || !Guid.TryParse(context.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        )
        {
            // A cookie from before sessions were tracked, or forged without a session: sign in again.
            await RejectAsync(context);
            return;
        }

        var db = http.RequestServices.GetRequiredService<IApplicationDbContext>();
        var row = await db
            .SignInSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.UserId,
                s.EndedAt,
                s.LastSeenAt,
                s.IpAddress,
            })
            .SingleOrDefaultAsync(http.RequestAborted);
        if (row is null || row.EndedAt is not null || row.UserId != userId)
        {
            await RejectAsync(context);
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (now - row.LastSeenAt >= SeenResolution || (address is not null && address != row.IpAddress))
        {
            await db
                .SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.IpAddress, address),
                    http.RequestAborted
                );
        }
    }

    /// <summary>Ends the session of the cookie being removed (signing out).</summary>
    public static async Task OnSigningOutAsync(CookieSigningOutContext context)
    {
        var http = context.HttpContext;
        if (SessionIdOf(http.User) is not { } sessionId)
        {
            return;
        }

        var db = http.RequestServices.GetRequiredService<IApplicationDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        await db
            .SignInSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(
                set => set.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, "signed_out"),
                http.RequestAborted
            );
    }

    /// <summary>The security stamp check rebuilds the principal from the account; the session goes with it.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        if (
            context.CurrentPrincipal is { } current
            && current.FindFirst(SessionClaim) is { } session
            && context.NewPrincipal?.Identity is ClaimsIdentity renewed
        )
        {
            renewed.AddClaim(new Claim(SessionClaim, session.Value));
        }

        return Task.CompletedTask;
    }

    public static Guid? SessionIdOf(ClaimsPrincipal? principal) =>
        Guid.TryParseExact(principal?.FindFirstValue(SessionClaim), "N", out var id) ? id : null;

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}

/// <summary>The words a session list shows for how someone signed in, read from Identity's claims.</summary>
internal static class SignInMethods
{
    public static string Of(ClaimsPrincipal principal)
    {
        var amr = principal.FindAll("amr").Select(c => c.Value).ToList();
        var external = principal.FindFirstValue(ClaimTypes.AuthenticationMethod);
        if (amr.Contains("passkey", StringComparer.Ordinal) || string.Equals(external, "passkey", StringComparison.OrdinalIgnoreCase))
        {
            return "passkey";
        }

        if (amr.Contains("mfa", StringComparer.Ordinal))
        {
            return "password+second factor";
        }

        if (!string.IsNullOrEmpty(external) && !amr.Contains("pwd", StringComparer.Ordinal))
        {
            return $"sso:{external}";
        }

        return "password";
    }
}
