using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Application.Common.Results;

public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Failure,
}

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

/// <summary>The outcome of a request: success, or an <see cref="Error"/> that says why not.</summary>
public class Result
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    public static implicit operator Result(Error error) => Failure(error);
}

public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, Error? error)
        : base(error) => _value = value;

    /// <summary>The value of a successful result; reading it from a failure is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"A failed result has no value ({Error!.Code}).");

    public static Result<T> Success(T value) => new(value, null);

    public static new Result<T> Failure(Error error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
