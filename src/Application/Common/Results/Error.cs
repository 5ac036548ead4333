using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Application.Common.Results;

/// <summary>An expected way for a request to fail, with words fit to show the person who asked.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message)
{
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    public static Error NotFound(string what) => new(ErrorKind.NotFound, "not_found", $"{what} was not found.");

    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, "forbidden", message);

    public static Error Unauthorized() => new(ErrorKind.Unauthorized, "unauthorized", "Sign in to continue.");

    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);

    public static Error Invalid(string code, string message) => new(ErrorKind.Validation, code, message);

    /// <summary>What someone sees when another person or process saved a change to the same thing first.</summary>
    public static Error ConcurrentChange() =>
        Conflict(
            "concurrent_change",
            "Someone else changed this while you were working on it, so nothing "
                + "was saved. Reload the page to see the change, then try again."
        );

    /// <summary>An entity said no to what was asked of it in its current state.</summary>
    public static Error Refused(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Conflict(refusal.Code, refusal.Message);
    }
}
