using System.Collections.Concurrent;
using System.Reflection;

namespace Natero.Connectors.Application.Common.Results;

/// <summary>
/// Lets a pipeline behaviour answer with a failure of whatever result type the request declares,
/// without knowing that type at compile time.
/// </summary>
internal static class ResultFailures
{
    private static readonly ConcurrentDictionary<Type, Func<Error, object>> Factories = new();

    public static bool IsResultType(Type type) =>
        type == typeof(Result) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>));

    public static TResponse Create<TResponse>(Error error)
    {
        var factory = Factories.GetOrAdd(typeof(TResponse), static type =>
        {
            if (type == typeof(Result))
            {
                return Result.Failure;
            }

            if (!IsResultType(type))
            {
                throw new InvalidOperationException($"{type.Name} is not a Result type; requests must answer with Result or Result<T>.");
            }

            var method = type.GetMethod(nameof(Result.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])!;
            return e => method.Invoke(null, [e])!;
        });
        return (TResponse)factory(error);
    }
}
