using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Web.Pages.Shared.Passkeys;

/// <summary>What the passkeys section shows: the person's passkeys, and the outcome of their last add or remove.</summary>
public sealed record PasskeysSection(IReadOnlyList<PasskeySummary> Passkeys, string? Message, string? Problem, string ReturnUrl);
