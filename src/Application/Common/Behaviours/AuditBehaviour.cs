using System.Collections.Concurrent;
using System.Reflection;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Common.Behaviours;

/// <summary>
/// Every command leaves one audit record. Success: the command's <see cref="AuditActionAttribute"/>
/// event, added before the handler runs so that the handler's own save commits it with the change; the
/// handler may name what it made and add facts to it before it saves (<see cref="IAuditTrail.Describe"/>).
/// Denied or failed (by a behaviour or the handler): one event with the outcome and the reason, unless
/// the handler recorded its own. A save that lost a race to another writer (<see cref="ConcurrentChangeException"/>)
/// fails as <see cref="Error.ConcurrentChange"/>, always recorded here: the handler's own records went with the save.
/// Sits outside the tenant and authorization checks to see their refusals.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(IAuditTrail audit, IApplicationDbContext db)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly ConcurrentDictionary<Type, AuditActionAttribute> Actions = new();

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        if (message is not IBaseCommand)
        {
            return await AuditDenialAsync(message, next, cancellationToken);
        }

        var declared = Actions.GetOrAdd(typeof(TMessage), static t =>
            t.GetCustomAttribute<AuditActionAttribute>()
            ?? throw new InvalidOperationException($"{t.Name} declares no [AuditAction]; every command must.")
        );
        var target = TargetOf(message);
        var recordedBefore = audit.Recorded;
        var pending = declared.HandlerRecordsOutcome ? null : audit.RecordPending(declared.Action, target);

        TResponse response;
        var conflicted = false;
        try
        {
            response = await next(message, cancellationToken);
        }
        catch (ConcurrentChangeException)
        {
            // The one place a lost race becomes a result. The unit of work has let go of everything it held,
            // the handler's own audit record included, so the failure is recorded below on a clean slate.
            response = ResultFailures.Create<TResponse>(Error.ConcurrentChange());
            conflicted = true;
        }

        if (response is not Result { IsSuccess: false, Error: { } error })
        {
            if (pending is not null && db.AuditEvents.Entry(pending).State == EntityState.Added)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return response;
        }

        if (pending is not null && db.AuditEvents.Entry(pending).State == EntityState.Added)
        {
            db.AuditEvents.Entry(pending).State = EntityState.Detached;
        }

        var handlerRecorded = !conflicted && audit.Recorded - recordedBefore - (pending is null ? 0 : 1) > 0;
        if (!handlerRecorded)
        {
            var outcome = error.Kind is ErrorKind.Unauthorized or ErrorKind.Forbidden ? AuditOutcome.Denied : AuditOutcome.Failure;
            audit.Record(declared.Action, target, outcome, error.Message, data: new Dictionary<string, string?> { ["error"] = error.Code });
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }

    /// <summary>
    /// A query changes nothing, so only its refusal is worth a record: someone asked to read what they
    /// may not. Recorded as <c>access.denied</c>, naming the request.
    /// </summary>
    private async ValueTask<TResponse> AuditDenialAsync(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken
    )
    {
        var response = await next(message, cancellationToken);
        if (response is Result { IsSuccess: false, Error: { Kind: ErrorKind.Unauthorized or ErrorKind.Forbidden } error })
        {
            audit.Record(
                DeniedQueryAction,
                TargetOf(message),
                AuditOutcome.Denied,
                error.Message,
                data: new Dictionary<string, string?> { ["request"] = typeof(TMessage).Name, ["error"] = error.Code }
            );
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }

    public const string DeniedQueryAction = "access.denied";

    /// <summary>
    /// The first id the command names (<c>connection:…</c>, <c>api_key:…</c>), never any other field: those may
    /// carry secrets.
    /// </summary>
    private static string? TargetOf(TMessage message)
    {
        var id = typeof(TMessage)
            .GetProperties()
            .FirstOrDefault(p => p.PropertyType == typeof(Guid) && p.Name.EndsWith("Id", StringComparison.Ordinal));
        return id is null ? null : $"{SnakeCase(id.Name[..^2])}:{id.GetValue(message)}";
    }

    private static string SnakeCase(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
