using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Web.Api;

/// <summary>Request bodies. Fields are nullable so that a missing one is a validation error naming it, not a 500.</summary>
public sealed record AuthorizationLinkRequest(
    string? Provider,
    ConnectionEnvironment? Environment,
    string? MyDomainHost,
    string? ReturnUrl
);

public sealed record AuthorizationLinkResponse(Guid Id, Uri AuthorizationUrl, DateTimeOffset ExpiresAt);

public sealed record AccessTokenResponse(string AccessToken, Uri InstanceUrl, DateTimeOffset? IssuedAt);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);

public sealed record CreateTenantRequest(string? Name, string? Slug, string? AdminEmail);

public sealed record NoteRequest(string? Note);

/// <summary>A connection's status after a platform action.</summary>
public sealed record ConnectionStatusResponse(ConnectionStatus Status);

public sealed record ReasonRequest(string? Reason);

/// <summary>The query string of an audit search.</summary>
public sealed record AuditQuery(
    string? Actor,
    string? Action,
    string? Target,
    AuditOutcome? Outcome,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Cursor,
    int? Limit
);

public sealed record MemberPermissionsRequest(IReadOnlyList<string>? Permissions);

/// <summary>The tenant's sign-in policy, whole.</summary>
/// <param name="SsoAdminBreakGlass">Defaults to true: members who manage users keep a password where SSO is required.</param>
public sealed record SignInPolicyRequest(bool RequireSecondFactor, IReadOnlyList<string>? SsoRequiredDomains, bool? SsoAdminBreakGlass);

public sealed record InvitationRequest(string? Email, IReadOnlyList<string>? Permissions);
