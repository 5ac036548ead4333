namespace Natero.Connectors.Infrastructure.Salesforce;

internal sealed record SalesforceRestProbe(bool Succeeded, int StatusCode, string? ErrorCode, string? ErrorMessage);
