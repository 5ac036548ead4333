using Mediator;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Endpoints;

/// <summary>
/// <c>GET /oauth/callback/{provider}</c>: where the provider sends the browser back. A rejected
/// callback gets a 400 page that says why; a claimed one lands on its settings page with a banner.
/// </summary>
internal static class OAuthCallbackEndpoint
{
    public const string BannerKey = "OAuthBanner";
    public const string BannerKindKey = "OAuthBannerKind";

    public static IEndpointRouteBuilder MapOAuthCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/callback/{provider}", HandleCallback).RequireAuthorization(Policies.SignedIn).WithName("OAuthCallback");
        return app;
    }

    private static async Task<IResult> HandleCallback(
        string provider,
        HttpContext context,
        ISender sender,
        OAuthBrowserBinding binding,
        ITempDataDictionaryFactory tempData,
        CancellationToken cancellationToken
    )
    {
        // The URL carries a code; no page after this one may learn it through the Referer header.
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var query = context.Request.Query;
        var command = new CompleteOAuthCommand(
            provider,
            query["state"].ToString() is { Length: > 0 } state ? state : null,
            query["code"].ToString() is { Length: > 0 } code ? code : null,
            query["error"].ToString() is { Length: > 0 } error ? error : null,
            query["error_description"].ToString() is { Length: > 0 } description ? description : null,
            binding.Read(context.Request)
        );
        var result = await sender.Send(command, cancellationToken);
        if (!result.IsSuccess)
        {
            context.Items[ErrorModel.DetailItemKey] = result.Error!.Message;
            return TypedResults.StatusCode(ResultStatus.Of(result.Error.Kind));
        }

        binding.Clear(context.Response);
        var completion = result.Value;
        var banner = tempData.GetTempData(context);
        banner[BannerKey] = completion.Message;
        banner[BannerKindKey] = completion switch
        {
            { Connected: false } => "error",
            { Status: ConnectionStatus.ApiAccessDisabled } => "warning",
            _ => "success",
        };
        banner.Save();
        // The return URL is a path inside the plugin (the Application knows nothing of where it is mounted).
        return TypedResults.LocalRedirect(context.NateroPath(completion.ReturnUrl));
    }
}
