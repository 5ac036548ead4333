using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.Pages;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

internal static class AuthorizeEndpoints
{
    public static void MapAuthorize(this IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/services/oauth2/authorize", static (HttpContext context, AuthorizationFlow flow) => flow.Start(context))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Authorize);
        routes
            .MapPost(LoginPages.LoginPath, static (HttpContext context, AuthorizationFlow flow) => flow.LogIn(context))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Login);
        routes
            .MapGet(LoginPages.ConsentPath, static (HttpContext context, AuthorizationFlow flow) => flow.ShowConsent(context))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Consent);
        routes
            .MapPost(LoginPages.ConsentPath, static (HttpContext context, AuthorizationFlow flow) => flow.Decide(context))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Consent);
        routes.MapGet(LoginPages.ErrorPagePath, LoginPages.ApprovalError).ServedOn(HostRoles.Login, EmulatorEndpoint.Authorize);
    }
}
