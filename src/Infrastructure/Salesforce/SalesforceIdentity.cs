namespace Natero.Connectors.Infrastructure.Salesforce;

internal sealed record SalesforceIdentity(
    string UserId,
    string OrganizationId,
    string Username,
    string? DisplayName,
    string? Email,
    bool Active
);
