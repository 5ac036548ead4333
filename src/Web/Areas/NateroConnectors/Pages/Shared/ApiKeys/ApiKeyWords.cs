using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages.Shared.ApiKeys;

/// <summary>How API keys read on the pages, and the lifetimes a new key may be given.</summary>
public static class ApiKeyWords
{
    public const int DefaultLifetimeDays = 90;

    private static readonly int[] UsualLifetimes = [30, 90, 180, 365];

    /// <summary>
    /// The usual lifetimes up to <paramref name="maxDays"/>, and the maximum itself when it falls short of a year and is not one of
    /// them.
    /// </summary>
    public static IReadOnlyList<int> Lifetimes(int maxDays)
    {
        var choices = UsualLifetimes.Where(d => d <= maxDays).ToList();
        if (maxDays is > 0 and < 365 && !choices.Contains(maxDays))
        {
            choices.Add(maxDays);
        }

        return choices;
    }

    /// <summary>90 days where that may be chosen, otherwise the longest allowed.</summary>
    public static int DefaultLifetime(IReadOnlyList<int> choices) =>
        choices.Contains(DefaultLifetimeDays) || choices.Count == 0 ? DefaultLifetimeDays : choices[^1];

    public static string Status(ApiKeyStatus status) =>
        status switch
        {
            ApiKeyStatus.Active => "Active",
            ApiKeyStatus.Expired => "Expired",
            ApiKeyStatus.Revoked => "Revoked",
            _ => status.ToString(),
        };

    public static string CssClass(ApiKeyStatus status) =>
        status switch
        {
            ApiKeyStatus.Active => "ok",
            ApiKeyStatus.Expired => "warn",
            _ => "muted",
        };

    public static string RoleDescription(string role) =>
        role switch
        {
            PlatformRoles.PlatformAdmin =>
                "Everything staff can do through the API: create tenants, complete, suspend and resume connections, read every audit log.",
            PlatformRoles.PlatformAuditor => "Read only: tenants, every tenant's connections and audit logs.",
            _ => string.Empty,
        };
}
