using System.Security.Cryptography;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

public sealed class AuthorizationLinkHandlers(
    IApplicationDbContext db,
    ICurrentUser user,
    ITenantContext tenant,
    IOAuthProviderRegistry providers,
    TimeProvider time
)
    : ICommandHandler<CreateAuthorizationLinkCommand, Result<CreatedAuthorizationLinkDto>>,
        ICommandHandler<UseAuthorizationLinkCommand, Result<AuthorizationLinkDto>>
{
    public async ValueTask<Result<CreatedAuthorizationLinkDto>> Handle(
        CreateAuthorizationLinkCommand command,
        CancellationToken cancellationToken
    )
    {
        var provider = providers.Find(command.Provider);
        if (provider is null)
        {
            return AuthorizeInputValidator.UnknownProvider(command.Provider);
        }

        var site = provider.ResolveSite(command.Environment, command.Host);
        if (!site.IsSuccess)
        {
            return site.Error!;
        }

        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var requestedBy = user.ApiKey is { } key ? $"API key \"{key.Name}\" ({user.Email})" : user.Email ?? "a member";
        var link = AuthorizationLink.Create(
            Ids.New(time),
            tenant.TenantId!.Value,
            LinkTokens.Hash(token),
            provider.Descriptor.Key,
            site.Value,
            command.ReturnUrl,
            requestedBy.Length > 256 ? requestedBy[..256] : requestedBy,
            time.GetUtcNow()
        );
        db.AuthorizationLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAuthorizationLinkDto(link.Id, token, link.ExpiresAt);
    }

    public async ValueTask<Result<AuthorizationLinkDto>> Handle(UseAuthorizationLinkCommand command, CancellationToken cancellationToken)
    {
        var link = await FindAsync(command.Token, cancellationToken, tracked: true);
        if (link is null)
        {
            return Error.NotFound("This link");
        }

        var now = time.GetUtcNow();
        if (link.RefusalToUse(now) is { } refusal)
        {
            return Error.Refused(refusal);
        }

        link.Use(user.UserId!.Value, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            // Of two people opening the link at once, the link's version lets only the first save through.
            return Error.Refused(AuthorizationLink.AlreadyUsed);
        }

        return ToDto(link);
    }

    private async Task<AuthorizationLink?> FindAsync(string token, CancellationToken cancellationToken, bool tracked = false)
    {
        if (!LinkTokens.HasValidShape(token))
        {
            return null;
        }

        var hash = LinkTokens.Hash(token);
        var links = tracked ? db.AuthorizationLinks : db.AuthorizationLinks.AsNoTracking();
        return await links.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
    }

    internal static AuthorizationLinkDto ToDto(AuthorizationLink l) =>
        new(l.Id, l.Provider, l.Environment, l.SignInHost, l.ReturnUrl, l.RequestedBy, l.ExpiresAt);
}
