namespace Natero.Connectors.Domain.Common;

public sealed class IllegalStatusTransitionException(string entity, string from, string to)
    : DomainException($"{entity} cannot move from {from} to {to}.")
{
    public string From { get; } = from;
    public string To { get; } = to;
}
