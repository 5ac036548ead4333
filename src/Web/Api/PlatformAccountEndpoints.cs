using Mediator;
using Natero.Connectors.Application.Platform.Accounts;
using Natero.Connectors.Application.Platform.Accounts.Commands.DisableAccount;
using Natero.Connectors.Application.Platform.Accounts.Commands.EnableAccount;
using Natero.Connectors.Application.Platform.Accounts.Queries.FindAccount;

namespace Natero.Connectors.Web.Api;

/// <summary><c>/api/v1/platform/accounts</c>: Natero staff find an account by email, and disable or enable it.</summary>
internal static class PlatformAccountEndpoints
{
    public static void MapAccounts(RouteGroupBuilder platform)
    {
        var accounts = platform.MapGroup("/accounts");
        accounts
            .MapGet("/", async (ISender sender, string? email, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new FindAccountQuery(email ?? string.Empty), ct))
            )
            .WithName("FindAccount")
            .WithSummary("The account of an email address (?email=). Platform keys.")
            .Produces<AccountDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        accounts
            .MapPost("/{id:guid}/disable", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new DisableAccountCommand(id), ct))
            )
            .WithName("DisableAccount")
            .WithSummary("Disables an account: it signs in no more, its sessions end and its API keys stop. PlatformAdmin keys.")
            .Produces<AccountDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        accounts
            .MapPost("/{id:guid}/enable", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new EnableAccountCommand(id), ct))
            )
            .WithName("EnableAccount")
            .WithSummary("Enables a disabled account again. PlatformAdmin keys.")
            .Produces<AccountDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
