using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Queries.GetAuthorizationLink;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;

/// <summary>
/// A single-use link that automation hands to a person, who opens it, signs in (with "Configure data
/// connectors" in this tenant) and continues into the provider's consent screen. Returns the link's
/// token once; only its hash is kept.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.authorization_link_created")]
public sealed record CreateAuthorizationLinkCommand(string Provider, ConnectionEnvironment Environment, string? MyDomainHost, string? ReturnUrl)
    : ICommand<Result<CreatedAuthorizationLinkDto>>, ITenantRequest, IAuthorizeInput;

public sealed record CreatedAuthorizationLinkDto(Guid Id, string Token, DateTimeOffset ExpiresAt);

/// <summary>Uses the link up, once, for the signed-in person; the caller then starts the authorization it describes.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.authorization_link_used")]
public sealed record UseAuthorizationLinkCommand(string Token) : ICommand<Result<AuthorizationLinkDto>>, ITenantRequest;

public sealed class CreateAuthorizationLinkCommandValidator : AbstractValidator<CreateAuthorizationLinkCommand>
{
    public CreateAuthorizationLinkCommandValidator(IOAuthProviderRegistry providers) => Include(new AuthorizeInputValidator(providers));
}

internal static class LinkTokens
{
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool HasValidShape(string? token) => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

public sealed class AuthorizationLinkHandlers(IApplicationDbContext db, ICurrentUser user, ITenantContext tenant, IOAuthProviderRegistry providers, TimeProvider time)
    : ICommandHandler<CreateAuthorizationLinkCommand, Result<CreatedAuthorizationLinkDto>>,
      ICommandHandler<UseAuthorizationLinkCommand, Result<AuthorizationLinkDto>>
{
    public async ValueTask<Result<CreatedAuthorizationLinkDto>> Handle(CreateAuthorizationLinkCommand command, CancellationToken cancellationToken)
    {
        var provider = providers.Find(command.Provider);
        if (provider is null)
        {
            return AuthorizeInputValidator.UnknownProvider(command.Provider);
        }

        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var requestedBy = user.ApiKey is { } key ? $"API key \"{key.Name}\" ({user.Email})" : user.Email ?? "a member";
        var link = AuthorizationLink.Create(
            Ids.New(time),
            tenant.TenantId!.Value,
            LinkTokens.Hash(token),
            provider.Descriptor.Key,
            command.Environment,
            command.MyDomainHost?.Trim().ToLowerInvariant(),
            command.ReturnUrl,
            requestedBy.Length > 256 ? requestedBy[..256] : requestedBy,
            time.GetUtcNow());
        db.AuthorizationLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAuthorizationLinkDto(link.Id, token, link.ExpiresAt);
    }

    public async ValueTask<Result<AuthorizationLinkDto>> Handle(UseAuthorizationLinkCommand command, CancellationToken cancellationToken)
    {
        var link = await FindAsync(command.Token, cancellationToken);
        if (link is null)
        {
            return Error.NotFound("This link");
        }

        // One conditional update: of two people opening the link at once, one wins.
        var now = time.GetUtcNow();
        var claimed = await db.AuthorizationLinks
            .Where(l => l.Id == link.Id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now).SetProperty(l => l.UsedByUserId, user.UserId), cancellationToken);
        return claimed == 1 ? ToDto(link) : Closed(link);
    }

    private async Task<AuthorizationLink?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!LinkTokens.HasValidShape(token))
        {
            return null;
        }

        var hash = LinkTokens.Hash(token);
        return await db.AuthorizationLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
    }

    internal static Error Closed(AuthorizationLink link) => Error.Conflict(
        "link_closed",
        link.UsedAt is not null
            ? "This link was already used. Ask for a new one, or authorize from Manage OAuth."
            : $"This link expired at {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask for a new one, or authorize from Manage OAuth.");

    internal static AuthorizationLinkDto ToDto(AuthorizationLink l) =>
        new(l.Id, l.Provider, l.Environment, l.MyDomainHost, l.ReturnUrl, l.RequestedBy, l.ExpiresAt);
}
