using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// A POST to the API with an <c>Idempotency-Key</c> header runs once per key and API key: a retry with
/// the same key and the same request gets the first answer again (with <c>Idempotent-Replayed: true</c>);
/// the same key on a different request is refused with 422, and while the first is still running with
/// 409. Answers of 5xx are not kept, so a retry after a failure runs again. Keys live 24 hours. A secret
/// is never kept nor replayed: see <see cref="SecretBearing"/>.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    private const int MaxBody = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, IIdempotencyStore store)
    {
        var key = context.Request.Headers[Header].ToString();
        var scope = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
        if (
            !HttpMethods.IsPost(context.Request.Method)
            || key.Length == 0
            || scope is null
            || context.GetEndpoint()?.Metadata.GetMetadata<AlwaysRuns>() is not null
        )
        {
            await next(context);
            return;
        }

        if (key.Length > 255 || key.Any(char.IsControl))
        {
            await ApiProblems.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "invalid_idempotency_key",
                "An Idempotency-Key is 1 to 255 printable characters."
            );
            return;
        }

        context.Request.EnableBuffering(MaxBody);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        context.Request.Body.Position = 0;
        var begin = await store.BeginAsync(scope, key, Convert.ToHexStringLower(hash.GetHashAndReset()), context.RequestAborted);
        switch (begin)
        {
            case IdempotencyBegin.Mismatch:
                await ApiProblems.WriteAsync(
                    context,
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request. Use a new key for a new request."
                );
                return;
            case IdempotencyBegin.InProgress:
                await ApiProblems.WriteAsync(
                    context,
                    StatusCodes.Status409Conflict,
                    "idempotent_request_in_progress",
                    "The first request with this Idempotency-Key is still running. Retry in a moment."
                );
                return;
            case IdempotencyBegin.Replay { StatusCode: < 400 } replay
                when context.GetEndpoint()?.Metadata.GetMetadata<SecretBearing>() is { Reread: not null } bearing:
                await RereadAsync(context, bearing, replay);
                return;
            case IdempotencyBegin.Replay replay:
                context.Response.StatusCode = replay.StatusCode;
                context.Response.ContentType = replay.ContentType;
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers["Idempotent-Replayed"] = "true";
                if (replay.Location is not null)
                {
                    context.Response.Headers.Location = replay.Location;
                }

                await context.Response.Body.WriteAsync(replay.Body, context.RequestAborted);
                return;
            case IdempotencyBegin.Started started:
                await RunAndRecordAsync(context, store, started.RecordId);
                return;
        }
    }

    /// <summary>
    /// Answers a replay of a request whose first answer showed a secret: the resource as the caller may see it
    /// now (re-read through its query, so a caller who lost the permission is refused), never the secret.
    /// </summary>
    private static async Task RereadAsync(HttpContext context, SecretBearing bearing, IdempotencyBegin.Replay replay)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (SecretBearing.IdOf(replay.Body) is not { } id)
        {
            // Nothing to re-read: say what happened without any of the first answer's body.
            context.Response.StatusCode = replay.StatusCode;
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return;
        }

        var answer = await bearing.Reread!(context, id);
        if (answer is IStatusCodeHttpResult { StatusCode: < 400 })
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await answer.ExecuteAsync(context);
    }

    private async Task RunAndRecordAsync(HttpContext context, IIdempotencyStore store, Guid recordId)
    {
        var original = context.Response.Body;
        await using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.AbandonAsync(recordId, CancellationToken.None);
            throw;
        }

        context.Response.Body = original;
        if (context.Response.StatusCode >= 500)
        {
            await store.AbandonAsync(recordId, CancellationToken.None);
        }
        else
        {
            // An answer that shows a secret is kept without it; errors never carry one.
            var kept =
                context.GetEndpoint()?.Metadata.GetMetadata<SecretBearing>() is { } bearing && context.Response.StatusCode < 400
                    ? bearing.Keep(captured.ToArray())
                    : captured.ToArray();
            await store.CompleteAsync(
                recordId,
                context.Response.StatusCode,
                context.Response.ContentType,
                context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                kept,
                CancellationToken.None
            );
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }
}

/// <summary>
/// Endpoint metadata: a POST that runs every time, Idempotency-Key or not. A credential read is one:
/// every read is audited, and its answer (a token) is never kept.
/// </summary>
internal sealed class AlwaysRuns;
