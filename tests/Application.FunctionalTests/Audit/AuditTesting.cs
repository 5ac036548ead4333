using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>What the audit search, export and verification tests share: recording events, walking pages, reading exports.</summary>
internal static class AuditTesting
{
    public const string ExportedAction = "audit.exported";

    public static Task<Guid> TenantIdAsync(this ApplicationFixture app, string slug) =>
        app.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());

    /// <summary>
    /// Creates tenant <paramref name="slug"/> as the platform admin would, and returns its admin, <c>admin@{slug}.test</c>.
    /// </summary>
    public static async Task<Actor> CreateTenantAsync(this ApplicationFixture app, string slug)
    {
        var platformAdmin = await app.UserAsync(TestUsers.PlatformAdmin);
        return await app.CreateTenantAsync(slug, $"admin@{slug}.test");
    }

    /// <summary>
    /// Records one event, saved as a command saves it: as <paramref name="actor"/> (null: the system), in
    /// the chain of <paramref name="tenantId"/> (null: the platform chain).
    /// </summary>
    public static async Task<AuditEvent> RecordAsync(
        this ApplicationFixture app,
        Guid? tenantId,
        string action,
        string? target = null,
        AuditOutcome outcome = AuditOutcome.Success,
        string? reason = null,
        Actor? actor = null,
        IReadOnlyDictionary<string, string?>? data = null
    )
    {
        await using var scope = await app.EnterAsync(actor, tenantSlug: null);
        var recorded = scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(action, target, outcome, reason, tenantId, data);
        await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
        return recorded;
    }

    /// <summary>Every stored event, as the database holds it.</summary>
    public static Task<List<AuditEvent>> AllEventsAsync(this ApplicationFixture app) =>
        app.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

    /// <summary>Newest first by (time, id): the order the search promises.</summary>
    public static IEnumerable<AuditEvent> NewestFirst(this IEnumerable<AuditEvent> events) =>
        events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);

    /// <summary>
    /// Follows the cursor from the first page to the last, checking that every page but the last is
    /// full and that the last says so; returns every event in the order the pages gave them.
    /// </summary>
    public static async Task<List<AuditEventDto>> SearchAllAsync(
        this ApplicationFixture app,
        Func<string?, IQuery<Result<AuditEventPage>>> pageAt,
        Actor actor,
        string? tenantSlug = null,
        int pageSize = 50
    )
    {
        var all = new List<AuditEventDto>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var result = await app.SendAsync(pageAt(cursor), actor, tenantSlug);
            result.IsSuccess.ShouldBeTrue(result.Error?.Message);
            var page = result.Value;
            if (page.NextCursor is not null)
            {
                page.Events.Count.ShouldBe(pageSize, "every page but the last is full");
            }

            page.Events.Count.ShouldBeLessThanOrEqualTo(pageSize);
            all.AddRange(page.Events);
            cursor = page.NextCursor;
            (++pages).ShouldBeLessThan(5_000, "the pages never end");
        } while (cursor is not null);

        return all;
    }

    /// <summary>
    /// Runs an export as <paramref name="actor"/> and reads all of it inside the scope, as the page does while it streams.
    /// </summary>
    public static async Task<(string FileName, List<AuditEventDto> Events)> ExportAsync(
        this ApplicationFixture app,
        IQuery<Result<AuditExport>> query,
        Actor actor,
        string? tenantSlug = null
    )
    {
        await using var scope = await app.EnterAsync(actor, tenantSlug);
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var events = new List<AuditEventDto>();
        await foreach (var e in result.Value.Events)
        {
            events.Add(e);
        }

        return (result.Value.FileName, events);
    }

    /// <summary>The ids of events, in order, for comparisons whose failures read well.</summary>
    public static List<Guid> Ids(this IEnumerable<AuditEventDto> events) => [.. events.Select(e => e.Id)];

    public static List<Guid> Ids(this IEnumerable<AuditEvent> events) => [.. events.Select(e => e.Id)];
}
