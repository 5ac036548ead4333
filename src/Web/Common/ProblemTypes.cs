using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Common;

/// <summary>The stable <c>type</c> of every RFC 9457 problem Natero answers, per kind of error and per status.</summary>
internal static class ProblemTypes
{
    public const string TypeBase = "https://natero.example/problems/";

    private static readonly ErrorKind[] Kinds = Enum.GetValues<ErrorKind>();

    public static string TypeOf(ErrorKind kind) =>
        TypeBase
        + kind switch
        {
            ErrorKind.Validation => "validation",
            ErrorKind.Unauthorized => "unauthorized",
            ErrorKind.Forbidden => "forbidden",
            ErrorKind.NotFound => "not-found",
            ErrorKind.Conflict => "conflict",
            _ => "failure",
        };

    /// <summary>
    /// A status's type: the kind whose status it is in <see cref="ResultStatus"/>, so that the two tables cannot
    /// disagree, or one of the statuses that no result produces.
    /// </summary>
    public static string TypeOf(int status) =>
        status switch
        {
            StatusCodes.Status412PreconditionFailed => TypeBase + "precondition-failed",
            StatusCodes.Status422UnprocessableEntity => TypeBase + "idempotency-key-reused",
            StatusCodes.Status429TooManyRequests => TypeBase + "rate-limited",
            StatusCodes.Status503ServiceUnavailable => TypeBase + "unavailable",
            _ => TypeOf(KindOf(status)),
        };

    private static ErrorKind KindOf(int status)
    {
        foreach (var kind in Kinds)
        {
            if (ResultStatus.Of(kind) == status)
            {
                return kind;
            }
        }

        return ErrorKind.Failure;
    }
}
