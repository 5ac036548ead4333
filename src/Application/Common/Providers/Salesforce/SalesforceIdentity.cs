namespace Natero.Connectors.Application.Common.Providers.Salesforce;

public sealed record SalesforceIdentity(
    string UserId,
    string OrganizationId,
    string Username,
    string? DisplayName,
    string? Email,
    bool Active
);
