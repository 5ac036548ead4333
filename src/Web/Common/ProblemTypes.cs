using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Common;

/// <summary>The stable <c>type</c> of every RFC 9457 problem Natero answers, per kind of error and per status.</summary>
internal static class ProblemTypes
{
    public const string TypeBase = "https://natero.example/problems/";

    public static string TypeOf(ErrorKind kind) => TypeBase + kind switch
    {
        ErrorKind.Validation => "validation",
        ErrorKind.Unauthorized => "unauthorized",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.NotFound => "not-found",
        ErrorKind.Conflict => "conflict",
        _ => "failure",
    };

    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => TypeOf(ErrorKind.Validation),
        StatusCodes.Status401Unauthorized => TypeOf(ErrorKind.Unauthorized),
        StatusCodes.Status403Forbidden => TypeOf(ErrorKind.Forbidden),
        StatusCodes.Status404NotFound => TypeOf(ErrorKind.NotFound),
        StatusCodes.Status409Conflict => TypeOf(ErrorKind.Conflict),
        StatusCodes.Status412PreconditionFailed => TypeBase + "precondition-failed",
        StatusCodes.Status422UnprocessableEntity => TypeBase + "idempotency-key-reused",
        StatusCodes.Status429TooManyRequests => TypeBase + "rate-limited",
        StatusCodes.Status503ServiceUnavailable => TypeBase + "unavailable",
        _ => TypeOf(ErrorKind.Failure),
    };
}
