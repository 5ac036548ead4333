namespace Natero.Connectors.Application.Accounts.Sessions;

/// <summary>One open sign-in of the person, as the security page lists it.</summary>
public sealed record SessionDto(
    Guid Id,
    string Method,
    string Device,
    string? IpAddress,
    DateTimeOffset SignedInAt,
    DateTimeOffset LastSeenAt,
    bool IsCurrent
);
