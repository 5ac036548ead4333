using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Domain.Accounts;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Tenancy;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// The one context for identity and domain data. Each provider has a subclass only so that it can
/// carry its own migrations; the model is defined here once. Contexts are pooled: each scope leases one
/// and binds it to its tenant and clock (<see cref="BindTo"/>); an unbound context sees no tenant's rows.
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options),
        IApplicationDbContext,
        IDataProtectionKeyContext
{
    private ITenantContext _tenant = new TenantContext();
    private TimeProvider _time = TimeProvider.System;
    private AuditAppends? _appends;

    /// <summary>
    /// Makes this (new or pooled) context the one of a scope: its queries follow that scope's tenant, its saves that clock.
    /// </summary>
    public ApplicationDbContext BindTo(ITenantContext tenant, TimeProvider time)
    {
        _tenant = tenant;
        _time = time;
        // A save inside a transaction of ours either commits with it or the whole transaction is let go, so the
        // savepoint EF Core would set before each such save (one more round trip) protects nothing.
        Database.AutoSavepointsEnabled = false;
        return this;
    }

    /// <summary>Saves that hold nothing but new audit events go through <paramref name="appends"/>, sealed together with others.</summary>
    internal ApplicationDbContext GroupAuditAppends(AuditAppends appends)
    {
        _appends = appends;
        return this;
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ProviderConnection> ProviderConnections => Set<ProviderConnection>();
    public DbSet<PendingAuthorization> PendingAuthorizations => Set<PendingAuthorization>();
    public DbSet<GrantRevocation> GrantRevocations => Set<GrantRevocation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<AuthorizationLink> AuthorizationLinks => Set<AuthorizationLink>();
    public DbSet<Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Idempotency.IdempotencyRecord>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<Email.OutboxMessage> OutboxMessages => Set<Email.OutboxMessage>();
    public DbSet<OutboundEvent> OutboundEvents => Set<OutboundEvent>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<NotificationPreferences> NotificationPreferences => Set<NotificationPreferences>();
    public DbSet<ScheduledRun> ScheduledRuns => Set<ScheduledRun>();
    public DbSet<ConnectionVerification> ConnectionVerifications => Set<ConnectionVerification>();
    public DbSet<ApiCallTally> ApiCallTallies => Set<ApiCallTally>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Read by the query filter on every query, so it follows the tenant of the current scope.</summary>
    internal Guid? CurrentTenantId => _tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilter.Name, TenantFilterFor(entityType.ClrType));
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves the unit of work, audit events sealed into their chains in the same transaction. When a concurrency
    /// token no longer matches, nothing is written and every pending change is let go (audit events sealed for
    /// this save among them), so that the request can record its failure on a clean unit of work.
    /// </summary>
    /// <exception cref="ConcurrentChangeException">A row was changed by someone else since it was read.</exception>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveSealedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            ChangeTracker.Clear();
            var changed = string.Join(", ", ex.Entries.Select(e => e.Metadata.ClrType.Name).Distinct());
            throw new ConcurrentChangeException($"{changed} changed since it was read; nothing was saved.", ex);
        }
    }

    private async Task<int> SaveSealedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        // Changes are detected once for what happens before the save (every ChangeTracker.Entries() would scan every
        // tracked entity again), and once more by EF Core's save, which sees what BeforeSave changed.
        ChangeTracker.DetectChanges();
        List<AuditEvent> audit = [];
        var changed = 0;
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            BeforeSave();
            foreach (var entry in ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged))
            {
                changed++;
                if (entry is { State: EntityState.Added, Entity: AuditEvent added })
                {
                    audit.Add(added);
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }

        if (audit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // Nothing but audit (a credential handed out, a refusal): no change of this unit of work to commit the
        // events with, so they may share a transaction and one chain lock with other units of work.
        if (_appends is not null && Database.CurrentTransaction is null && changed == audit.Count)
        {
            await _appends.AppendAsync(audit, cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return audit.Count;
        }

        return await SealAndSaveAsync(audit, acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Adds <paramref name="events"/> of other units of work and saves them, sealed, in one transaction.</summary>
    internal Task<int> SaveAuditBatchAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        AuditEvents.AddRange(events);
        return SealAndSaveAsync(events, acceptAllChangesOnSuccess: true, cancellationToken);
    }

    private async Task<int> SealAndSaveAsync(
        IReadOnlyList<AuditEvent> audit,
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken
    )
    {
        // Audit events are sealed into their chains in the transaction that saves them, with each chain
        // locked, so two writers cannot both append after the same link.
        var ownsTransaction = Database.CurrentTransaction is null;
        await using var transaction = ownsTransaction ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var chains = audit.Select(e => e.ChainKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await using (var locked = await LockAuditChainsAsync(chains, cancellationToken))
        {
            foreach (var chain in chains)
            {
                var last = (
                    locked.Heads is { } heads
                        ? heads[chain]
                        : await AuditEvents
                            .AsNoTracking()
                            .Where(e => e.ChainKey == chain && e.Seq > 0)
                            .OrderByDescending(e => e.Seq)
                            .Select(e => new AuditLink(e.Seq, e.Hash))
                            .FirstOrDefaultAsync(cancellationToken)
                )
                    // A chain whose every event was archived goes on from its anchor.
                    ?? await AuditAnchors
                        .AsNoTracking()
                        .Where(a => a.ChainKey == chain)
                        .OrderByDescending(a => a.ArchivedThroughSeq)
                        .Select(a => new AuditLink(a.ArchivedThroughSeq, a.ArchivedThroughHash))
                        .FirstOrDefaultAsync(cancellationToken);
                foreach (var e in audit.Where(e => e.ChainKey == chain))
                {
                    e.Seal(last);
                    last = new AuditLink(e.Seq, e.Hash);
                }
            }

            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            // Within a caller's transaction this counts events that its rollback could still undo: rare, and only for the metric.
            NateroTelemetry.AuditAppended(audit.Count);
            return saved;
        }
    }

    public async Task<ILockedTransaction> BeginLockedAsync(string lockName, CancellationToken cancellationToken)
    {
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await LockForTransactionAsync(lockName, cancellationToken);
            return new LockedTransaction(this, transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Takes <paramref name="lockName"/> for the current transaction, at once or with the transaction's first command; it is
    /// released when the transaction ends.
    /// </summary>
    protected abstract Task LockForTransactionAsync(string lockName, CancellationToken cancellationToken);

    /// <summary>Called when a transaction of <see cref="BeginLockedAsync"/> commits or is let go.</summary>
    protected virtual void OnLockedTransactionEnded() { }

    private sealed class LockedTransaction(ApplicationDbContext context, IDbContextTransaction transaction) : ILockedTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            context.OnLockedTransactionEnded();
            await transaction.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            context.OnLockedTransactionEnded();
            return transaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Holds the named audit chains until the current transaction ends (or the returned handle is disposed), and may read
    /// each chain's last link with the lock (<see cref="LockedAuditChains.Heads"/>) in a statement that starts once the lock
    /// is held, so that it sees every link committed before.
    /// </summary>
    protected abstract Task<LockedAuditChains> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken);

    private void BeforeSave()
    {
        var now = _time.GetUtcNow();
        RecordConnectionEvents(now);
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is ITenantOwned owned && owned.TenantId != _tenant.TenantId)
            {
                throw new InvalidOperationException(
                    $"Refusing to save a {entry.Entity.GetType().Name} of another tenant than the current one."
                );
            }

            if (entry.Entity is IAuditable auditable && entry.State is EntityState.Added or EntityState.Modified)
            {
                auditable.Touch(now);
            }
        }
    }

    /// <summary>
    /// Writes the outbox event of each connection whose change subscribers care about, into this same save: the
    /// event exists exactly when the change commits, whichever code path made it (DESIGN section 15).
    /// </summary>
    private void RecordConnectionEvents(DateTimeOffset now)
    {
        var changed = ChangeTracker.Entries<ProviderConnection>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        foreach (var entry in changed)
        {
            var added = entry.State == EntityState.Added;
            var change = new ConnectionChange(
                added ? null : (ConnectionStatus?)entry.Property(nameof(ProviderConnection.Status)).OriginalValue,
                entry.Entity.Status,
                Reauthorized: !added && entry.Entity.WasReauthorized,
                Disconnected: !added
                    && entry.Property(nameof(ProviderConnection.DisconnectedAt)).OriginalValue is null
                    && entry.Entity.DisconnectedAt is not null
            );
            if (EventPayloads.ForConnection(entry.Entity, change, now) is { } outbound)
            {
                OutboundEvents.Add(outbound);
            }

            entry.Entity.ReauthorizationRecorded();
        }
    }

    private LambdaExpression TenantFilterFor(Type entityType)
    {
        // e => e.TenantId == this.CurrentTenantId, with the context as a parameter EF re-reads per query.
        var entity = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }
}
