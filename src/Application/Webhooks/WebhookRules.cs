using FluentValidation;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Webhooks;

/// <summary>The input rules an endpoint's fields follow, shared by creating and changing one.</summary>
internal static class WebhookRules
{
    public static IRuleBuilderOptions<T, string?> ValidWebhookUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter the endpoint's URL.")
            .MaximumLength(2000)
            .WithMessage("The URL is too long (2000 characters at most).");

    public static IRuleBuilderOptions<T, string?> ValidWebhookDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(WebhookEndpoint.MaxDescriptionLength)
            .WithMessage($"The description is too long ({WebhookEndpoint.MaxDescriptionLength} characters at most).");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidEventTypes<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.NotEmpty()
            .WithMessage("Choose at least one event type.")
            .Must(types => types is null || !types.Any(IsUnknown))
            .WithMessage(request => $"{Unknown(request.EventTypesOf())} Choose from {Known}, or \"*\" for all.");

    private static string Known => string.Join(", ", EventTypes.All.Select(t => t.Name));

    /// <summary>Names a few of the unknown types, each cut short: the words must stay short whatever was sent.</summary>
    private static string Unknown(IReadOnlyList<string> types)
    {
        var unknown = types.Where(IsUnknown).ToList();
        var named = unknown
            .Take(3)
            .Select(t =>
                t is null ? "null"
                : t.Length > 40 ? $"\"{t[..40]}…\""
                : $"\"{t}\""
            );
        var more = unknown.Count > 3 ? $" and {unknown.Count - 3} more" : string.Empty;
        return $"Unknown event type: {string.Join(", ", named)}{more}.";
    }

    private static bool IsUnknown(string? type) => type is null || (type != WebhookEndpoint.AllEvents && !EventTypes.IsKnown(type));

    private static IReadOnlyList<string> EventTypesOf<T>(this T request) =>
        request switch
        {
            IWebhookFields fields => fields.EventTypes ?? [],
            _ => [],
        };

    /// <summary>The rules of a change: each given field follows the rule it follows at creation.</summary>
    public static void ValidChange<T>(this AbstractValidator<T> validator)
        where T : IWebhookChange
    {
        validator.RuleFor(c => c.Url).ValidWebhookUrl().When(c => c.Url is not null);
        validator.RuleFor(c => c.Description).ValidWebhookDescription();
        validator.RuleFor(c => c.EventTypes).ValidEventTypes().When(c => c.EventTypes is not null);
    }
}
