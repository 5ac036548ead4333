namespace Natero.Connectors.Domain.Common;

/// <summary>A broken invariant: code asked an entity to do something its rules forbid.</summary>
public class DomainException(string message) : Exception(message);
