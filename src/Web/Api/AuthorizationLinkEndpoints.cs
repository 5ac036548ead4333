using Mediator;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

namespace Natero.Connectors.Web.Api;

/// <summary><c>/api/v1/connections/authorizations</c>: links a person opens to connect a provider, for tenant keys.</summary>
internal static class AuthorizationLinkEndpoints
{
    public static void MapAuthorizationLinks(RouteGroupBuilder connections)
    {
        connections
            .MapPost(
                "/authorizations",
                async (
                    HttpContext http,
                    ISender sender,
                    IOAuthProviderRegistry providers,
                    AuthorizationLinkRequest body,
                    CancellationToken ct
                ) =>
                {
                    var command = new CreateAuthorizationLinkCommand(
                        body.Provider ?? string.Empty,
                        body.Environment,
                        body.SignInHost,
                        body.ReturnUrl
                    );
                    var result = await sender.Send(command, ct);
                    return ApiResults.Created(
                        body.NamedInTheRequest(result, providers.Find(body.Provider ?? string.Empty)?.Descriptor.Needs),
                        _ => $"{ApiEndpoints.Prefix}/connections",
                        link => new AuthorizationLinkResponse(
                            link.Id,
                            ApiLinks.Connect(http, link.Token, body.Provider ?? string.Empty),
                            link.ExpiresAt
                        )
                    );
                }
            )
            .WithName("CreateAuthorizationLink")
            .WithSummary(
                "A single-use link, valid 30 minutes, that a person with \"Configure data connectors\" " + "opens to connect the provider."
            )
            .Produces<AuthorizationLinkResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
