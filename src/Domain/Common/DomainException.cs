namespace Natero.Connectors.Domain.Common;

/// <summary>A broken invariant: code asked an entity to do something its rules forbid.</summary>
public class DomainException(string message) : Exception(message);

public sealed class IllegalStatusTransitionException(string entity, string from, string to)
    : DomainException($"{entity} cannot move from {from} to {to}.")
{
    public string From { get; } = from;
    public string To { get; } = to;
}
