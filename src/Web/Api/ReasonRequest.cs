namespace Natero.Connectors.Web.Api;

public sealed record ReasonRequest(string? Reason);
