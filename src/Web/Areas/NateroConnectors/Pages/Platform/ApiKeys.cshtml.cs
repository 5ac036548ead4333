using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Pages.Shared.ApiKeys;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Platform;

/// <summary>Platform keys, each acting with one platform role: admins create and revoke them, auditors look.</summary>
public sealed class ApiKeysModel(ISender sender, IOptions<ApiKeyOptions> options) : ApiKeysPageModel(sender, options)
{
    public override bool CanAct => User.IsInRole(PlatformRoles.PlatformAdmin);

    public override string ScopesHeading => "Role";

    [BindProperty]
    public NewKeyInput NewKey { get; set; } = new();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!CanAct)
        {
            return Forbid(NateroSchemes.Plugin);
        }

        var created = await Sender.Send(
            new CreatePlatformApiKeyCommand(NewKey.Name ?? string.Empty, NewKey.Role, NewKey.ExpiresInDays),
            cancellationToken
        );
        return await ShowCreatedAsync(created, nameof(NewKey), cancellationToken);
    }

    protected override IQuery<Result<IReadOnlyList<ApiKeyDto>>> List() => new ListPlatformApiKeysQuery();

    protected override ICommand<Result> Revoke(Guid apiKeyId) => new RevokePlatformApiKeyCommand(apiKeyId);

    protected override Task LoadFormAsync(CancellationToken cancellationToken)
    {
        if (!Lifetimes.Contains(NewKey.ExpiresInDays))
        {
            NewKey.ExpiresInDays = ApiKeyWords.DefaultLifetime(Lifetimes);
        }

        return Task.CompletedTask;
    }

    protected override void ResetForm() => NewKey = new NewKeyInput();

    public sealed class NewKeyInput
    {
        /// <summary>Nullable, so that an empty name reaches the command's own validation and its words.</summary>
        public string? Name { get; set; }

        /// <summary>The least the key may need, unless its creator chooses more.</summary>
        public string Role { get; set; } = PlatformRoles.PlatformAuditor;

        public int ExpiresInDays { get; set; } = ApiKeyWords.DefaultLifetimeDays;
    }
}
