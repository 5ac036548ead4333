using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Pages.Shared.ApiKeys;

namespace Natero.Connectors.Web.Pages.Tenant.Settings;

/// <summary>This tenant's API keys: each with some of its creator's own permissions, and an expiry.</summary>
[Authorize(Policy = Permissions.ApiKeys.Manage)]
public sealed class ApiKeysModel(ISender sender, ICurrentTenantAccess access, IOptions<ApiKeyOptions> options)
    : ApiKeysPageModel(sender, options)
{
    /// <summary>The permissions the current member holds: the most a key of theirs may have.</summary>
    public IReadOnlyList<PermissionDefinition> Grantable { get; private set; } = [];

    public override string ScopesHeading => "Permissions";

    [BindProperty]
    public NewKeyInput NewKey { get; set; } = new();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var created = await Sender.Send(
            new CreateApiKeyCommand(NewKey.Name ?? string.Empty, NewKey.Scopes, NewKey.ExpiresInDays),
            cancellationToken
        );

        // Asking for a permission one does not hold is a mistake to correct on the form, not an error page.
        return await ShowCreatedAsync(
            created.Error is { Kind: ErrorKind.Forbidden } refused ? OnScopes(refused) : created,
            nameof(NewKey),
            cancellationToken
        );
    }

    protected override IQuery<Result<IReadOnlyList<ApiKeyDto>>> List() => new ListApiKeysQuery();

    protected override ICommand<Result> Revoke(Guid apiKeyId) => new RevokeApiKeyCommand(apiKeyId);

    protected override async Task LoadFormAsync(CancellationToken cancellationToken)
    {
        var held = (await access.GetAsync(cancellationToken))?.Permissions ?? new HashSet<string>();
        Grantable = [.. Permissions.All.Where(p => held.Contains(p.Name))];
        if (!Lifetimes.Contains(NewKey.ExpiresInDays))
        {
            NewKey.ExpiresInDays = ApiKeyWords.DefaultLifetime(Lifetimes);
        }
    }

    protected override void ResetForm() => NewKey = new NewKeyInput();

    private static Error OnScopes(Error refused) =>
        Error.Invalid(refused.Code, refused.Message) with
        {
            Fields = new Dictionary<string, string[]> { [nameof(NewKeyInput.Scopes)] = [refused.Message] },
        };

    public sealed class NewKeyInput
    {
        /// <summary>Nullable, so that an empty name reaches the command's own validation and its words.</summary>
        public string? Name { get; set; }
        public List<string> Scopes { get; set; } = [];
        public int ExpiresInDays { get; set; } = ApiKeyWords.DefaultLifetimeDays;
    }
}
