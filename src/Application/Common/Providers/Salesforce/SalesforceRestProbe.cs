namespace Natero.Connectors.Application.Common.Providers.Salesforce;

public sealed record SalesforceRestProbe(bool Succeeded, int StatusCode, string? ErrorCode, string? ErrorMessage);
