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
