using FluentValidation;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>
/// What to look for; every field is optional. <see cref="Action"/> and <see cref="Target"/> match
/// exactly, or by prefix when they end with <c>*</c> (<c>connection.*</c>). <see cref="Actor"/> is an
/// email or a user id. <see cref="From"/> is inclusive and <see cref="To"/> exclusive. <see cref="Tenant"/>
/// (a slug) only applies to platform searches; a tenant's search is always its own.
/// </summary>
public sealed record AuditEventFilter(
    string? Tenant = null,
    string? Actor = null,
    string? Action = null,
    string? Target = null,
    AuditOutcome? Outcome = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null
)
{
    public static AuditEventFilter None { get; } = new();
}

public sealed class AuditEventFilterValidator : AbstractValidator<AuditEventFilter>
{
    public AuditEventFilterValidator()
    {
        RuleFor(f => f.Tenant).MaximumLength(63);
        RuleFor(f => f.Actor).MaximumLength(256);
        RuleFor(f => f.Action).MaximumLength(128);
        RuleFor(f => f.Target).MaximumLength(256);
        RuleFor(f => f.Outcome).IsInEnum();
        RuleFor(f => f.To)
            .GreaterThan(f => f.From)
            .When(f => f.From is not null && f.To is not null)
            .WithMessage("The end of the time range must be after its start.");
    }
}
