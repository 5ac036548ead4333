using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Web.Common;

/// <summary>
/// The one table from a failed result's kind to its HTTP status, for pages, the API and the OAuth callback
/// alike, so that a kind of error answers the same status wherever it surfaces.
/// </summary>
internal static class ResultStatus
{
    public static int Of(ErrorKind kind) =>
        kind switch
        {
            ErrorKind.Validation => StatusCodes.Status400BadRequest,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status500InternalServerError,
        };
}
