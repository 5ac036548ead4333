namespace Natero.Connectors.Domain.Common;

/// <summary>
/// Why an entity will not do what was asked, in words fit to show the person who asked. Callers ask for
/// it before they act and turn it into their own result; the entity throws when asked to act anyway.
/// </summary>
public sealed record Refusal(string Code, string Message);
