using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.ApiKeys.Authentication;
using StackExchange.Redis;

namespace Natero.Connectors.Infrastructure.Redis;

/// <summary>
/// Drops cached keys here at once and, through a Redis channel, on every other instance within a second: the
/// message names a key id or a creator id, never anything of the secret. Without Redis, or while it is away, only
/// this instance drops at once and the others within <c>ApiKeys:CacheDuration</c>; when the connection comes back
/// every instance drops all it cached, since it may have missed drops meanwhile.
/// </summary>
internal sealed partial class RedisApiKeyCacheInvalidation(
    RedisConnection redis,
    ApiKeyCacheSignals signals,
    ILogger<RedisApiKeyCacheInvalidation> logger
) : IApiKeyCacheInvalidation, IHostedService
{
    private const string KeyMessage = "key:";
    private const string CreatorMessage = "creator:";

    private RedisChannel Channel => RedisChannel.Literal(redis.KeyPrefix + "api-keys:drop");

    public void Drop(ApiKeyCacheDrop drop)
    {
        signals.Fire(drop);
        if (redis.Available is not { } connection)
        {
            return;
        }

        try
        {
            var message = drop.KeyId is { } key ? KeyMessage + key.ToString("N") : CreatorMessage + drop.CreatorId!.Value.ToString("N");
            connection.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            redis.NoteFailure(exception);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Connection is not { } connection)
        {
            return;
        }

        redis.Restored += signals.FireAll;
        try
        {
            await connection.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The subscription is kept and made again when the connection comes back.
            LogSubscribeFailed(logger, exception.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Restored -= signals.FireAll;
        return Task.CompletedTask;
    }

    private void Receive(RedisValue message)
    {
        var text = (string?)message ?? string.Empty;
        if (text.StartsWith(KeyMessage, StringComparison.Ordinal) && Guid.TryParseExact(text[KeyMessage.Length..], "N", out var key))
        {
            signals.Fire(ApiKeyCacheDrop.Key(key));
        }
        else if (
            text.StartsWith(CreatorMessage, StringComparison.Ordinal)
            && Guid.TryParseExact(text[CreatorMessage.Length..], "N", out var creator)
        )
        {
            signals.Fire(ApiKeyCacheDrop.Creator(creator));
        }
        else
        {
            LogUnknownMessage(logger, text.Length.ToString(CultureInfo.InvariantCulture));
        }
    }

    [LoggerMessage(
        EventId = 9404,
        Level = LogLevel.Warning,
        Message = "Could not subscribe to API-key revocations on Redis yet ({Reason}); it is retried when the connection is back."
    )]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 9405, Level = LogLevel.Warning, Message = "Ignored a message of {Length} characters on the API-key channel.")]
    private static partial void LogUnknownMessage(ILogger logger, string length);
}
