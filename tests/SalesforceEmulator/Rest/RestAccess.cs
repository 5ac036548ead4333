using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.OAuth;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>
/// The checks in front of every versioned REST resource, in Salesforce's order: a live session of this
/// instance's org, the <c>api</c> scope, API access for the org, API Enabled for the user, the daily allowance.
/// Every authenticated call counts against the org's daily allowance.
/// </summary>
internal static class RestAccess
{
    private const string CallerKey = "sfemu.rest.caller";

    public static EmulatorUser Caller(this HttpContext context) =>
        context.Items[CallerKey] as EmulatorUser ?? throw new InvalidOperationException("The REST access filter did not run.");

    public static RouteGroupBuilder RequireRestAccess(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(
            static async (invocation, next) =>
            {
                var context = invocation.HttpContext;
                var tokens = context.RequestServices.GetRequiredService<TokenStore>();
                return Check(context, tokens) ?? await next(invocation);
            }
        );

    /// <summary><c>Sforce-Limit-Info</c>, which Salesforce sends on every REST answer.</summary>
    public static void ReportUsage(HttpContext context, SalesforceOrg org, int used) =>
        context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used}/{org.DailyApiRequestLimit}";

    private static IResult? Check(HttpContext context, TokenStore tokens)
    {
        if (context.Host().Org is { } hostOrg)
        {
            ReportUsage(context, hostOrg, hostOrg.ApiRequestsUsed);
        }

        var session = tokens.Authenticate(BearerToken.Read(context.Request));
        if (session is null || session.User.Org != context.Host().Org)
        {
            return RestErrors.InvalidSession(context, "Session expired or invalid");
        }

        if (!Scopes.GrantsApi(session.Grant.Scopes))
        {
            return RestErrors.InvalidSession(context, "This session is not valid for use with the REST API");
        }

        var user = session.User;
        var org = user.Org;
        var used = org.CountApiRequest();
        ReportUsage(context, org, used);
        if (!org.ApiEnabled || (!user.ApiEnabled && org.ReportsUserApiDisabledAsOrgDisabled))
        {
            return RestErrors.Result(
                StatusCodes.Status403Forbidden,
                "API_DISABLED_FOR_ORG",
                "The REST API is not enabled for this Organization."
            );
        }

        if (!user.ApiEnabled)
        {
            return RestErrors.Result(StatusCodes.Status403Forbidden, "API_CURRENTLY_DISABLED", "API is disabled for this User");
        }

        if (used > org.DailyApiRequestLimit)
        {
            return RestErrors.Result(StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }

        if (context.GetRouteValue("version") is not string version || !ApiVersions.IsServed(version))
        {
            return RestErrors.NotFound();
        }

        context.Items[CallerKey] = user;
        return null;
    }
}
