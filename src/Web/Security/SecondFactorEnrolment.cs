using Microsoft.AspNetCore.Http.Extensions;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security;

/// <summary><c>Security:*</c> rules about who must have a second factor.</summary>
public sealed class SecondFactorOptions
{
    public const string Section = "Security";

    /// <summary>Platform staff open no platform page without a second factor. The default is true outside Development.</summary>
    public bool? RequireMfaForPlatformStaff { get; set; }
}

/// <summary>
/// Sends a person who must have a second factor and has none to set one up, before anything else opens: in a
/// tenant that requires one, and on the platform pages when staff must have one. Pages redirect to the security
/// page (and come back after); other requests get 403 with the reason. API keys are not concerned.
/// </summary>
internal sealed class SecondFactorEnrolmentMiddleware(
    RequestDelegate next,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<SecondFactorOptions> options,
    NateroMount mount
)
{
    public const string SecurityPage = "/account/security";

    private readonly bool _platformStaffMustHaveOne = options.Value.RequireMfaForPlatformStaff ?? !environment.IsDevelopment();

    public async Task InvokeAsync(HttpContext context, ICurrentUser user, ICurrentTenantAccess access)
    {
        if (user.UserId is null || user.ApiKey is not null || user.HasSecondFactor)
        {
            await next(context);
            return;
        }

        string? reason = null;
        if (
            context.GetRouteValue(TenantRoute.RouteKey) is string
            && await access.GetAsync(context.RequestAborted) is { SecondFactorRequired: true } held
        )
        {
            reason =
                $"The organisation \"{held.TenantSlug}\" requires a second factor: "
                + "set up an authenticator app or a passkey to open its pages.";
        }
        else if (
            _platformStaffMustHaveOne
            && context.Request.Path.StartsWithSegments(mount.Path("/platform"), StringComparison.OrdinalIgnoreCase)
            && (user.IsInRole(PlatformRoles.PlatformAdmin) || user.IsInRole(PlatformRoles.PlatformAuditor))
        )
        {
            reason = "Natero staff need a second factor: set up an authenticator app or a passkey to open the platform pages.";
        }

        if (reason is null)
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && ProblemDetailsDefaults.WantsHtml(context.Request))
        {
            var back = context.Request.GetEncodedPathAndQuery();
            context.Response.Redirect($"{context.NateroPath(SecurityPage)}?required=true&returnUrl={Uri.EscapeDataString(back)}");
            return;
        }

        context.Items[Pages.ErrorModel.DetailItemKey] = reason;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
