namespace Natero.Connectors.Domain.Events;

/// <summary>An event type's name and what it means, in words pages show.</summary>
public sealed record EventTypeDefinition(string Name, string Description);
