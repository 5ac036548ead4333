using System.Buffers.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>What the search and the export refuse to run, and the words they give: a validation error, never an exception.</summary>
public sealed class AuditSearchValidationTests(ApplicationFixture app) : FunctionalTest(app)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Searches()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in new[] { "platform", "tenant" })
        {
            foreach (
                var name in new[]
                {
                    "page-size-0",
                    "page-size-201",
                    "page-size-negative",
                    "cursor-garbage",
                    "cursor-short",
                    "cursor-long",
                    "cursor-before-year-1",
                    "to-before-from",
                    "to-equals-from",
                    "actor-too-long",
                    "action-too-long",
                    "target-too-long",
                    "tenant-too-long",
                    "outcome-unknown",
                }
            )
            {
                cases.Add(kind, name);
            }
        }

        return cases;
    }

    public static TheoryData<string, string> Exports()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in new[] { "platform", "tenant" })
        {
            foreach (var name in new[] { "to-before-from", "actor-too-long", "action-too-long", "target-too-long", "outcome-unknown" })
            {
                cases.Add(kind, name);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task An_invalid_search_is_a_validation_error_that_names_the_field(string kind, string name)
    {
        var (filter, cursor, pageSize, field, words) = Case(name);
        IQuery<Result<AuditEventPage>> query =
            kind == "platform"
                ? new SearchAuditEventsQuery(filter, cursor, pageSize)
                : new SearchTenantAuditEventsQuery(filter, cursor, pageSize);

        var result = await SendAsync(kind, query);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields.Keys.ShouldContain(field);
        result
            .Error.Fields[field]
            .ShouldContain(m => m.Contains(words, StringComparison.Ordinal), $"{field}: {string.Join(" | ", result.Error.Fields[field])}");
        result.Error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task An_invalid_export_is_a_validation_error_and_records_no_export(string kind, string name)
    {
        var (filter, _, _, field, words) = Case(name);
        IQuery<Result<AuditExport>> query =
            kind == "platform" ? new ExportAuditEventsQuery(filter) : new ExportTenantAuditEventsQuery(filter);

        var result = await SendAsync(kind, query);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields[field].ShouldContain(m => m.Contains(words, StringComparison.Ordinal));
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditTesting.ExportedAction))).ShouldBe(0);
    }

    [Fact]
    public async Task A_missing_filter_is_a_validation_error()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var search = await App.SendAsync(new SearchAuditEventsQuery(null!), admin);
        var export = await App.SendAsync(new ExportAuditEventsQuery(null!), admin);

        search.Error!.Kind.ShouldBe(ErrorKind.Validation);
        export.Error!.Kind.ShouldBe(ErrorKind.Validation);
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);
        var longest = new AuditEventFilter(
            new string('t', 63),
            new string('a', 256),
            new string('b', 128),
            new string('c', 256),
            AuditOutcome.Denied,
            Noon,
            Noon.AddMilliseconds(1)
        );

        (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, null, 1), admin)).IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, null, 200), admin)).IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new SearchAuditEventsQuery(longest with { Tenant = null }), admin)).IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new SearchAuditEventsQuery(longest), admin)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task A_well_formed_cursor_from_any_point_in_time_is_a_position_not_an_error()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);
        await App.RecordAsync(null, "test.event");

        var oldest = await App.SendAsync(
            new SearchAuditEventsQuery(AuditEventFilter.None, new AuditCursor(DateTimeOffset.MinValue, Guid.Empty).ToString()),
            admin
        );
        var newest = await App.SendAsync(
            new SearchAuditEventsQuery(AuditEventFilter.None, new AuditCursor(DateTimeOffset.MaxValue, Guid.Empty).ToString()),
            admin
        );

        oldest.Value.Events.ShouldBeEmpty();
        newest.Value.Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_cursor_is_checked_before_anyone_without_access_learns_anything()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new SearchTenantAuditEventsQuery(AuditEventFilter.None, "garbage"), member, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    private async Task<T> SendAsync<T>(string kind, IQuery<T> query) =>
        kind == "platform"
            ? await App.SendAsync(query, await App.UserAsync(TestUsers.PlatformAdmin))
            : await App.SendAsync(query, await App.UserAsync(TestUsers.DemoAdmin), TestUsers.DemoTenant);

    private static (AuditEventFilter Filter, string? Cursor, int PageSize, string Field, string Words) Case(string name)
    {
        var none = AuditEventFilter.None;
        return name switch
        {
            "page-size-0" => (none, null, 0, "PageSize", "between 1 and 200"),
            "page-size-201" => (none, null, 201, "PageSize", "between 1 and 200"),
            "page-size-negative" => (none, null, -5, "PageSize", "between 1 and 200"),
            "cursor-garbage" => (none, "not a cursor!", 50, "Cursor", "This page link is not valid any more"),
            "cursor-short" => (none, Base64Url.EncodeToString(new byte[23]), 50, "Cursor", "This page link is not valid any more"),
            "cursor-long" => (none, new string('A', 65), 50, "Cursor", "This page link is not valid any more"),
            "cursor-before-year-1" => (
                none,
                Base64Url.EncodeToString([0xFF, .. new byte[23]]),
                50,
                "Cursor",
                "This page link is not valid any more"
            ),
            "to-before-from" => (
                new(From: Noon, To: Noon.AddHours(-1)),
                null,
                50,
                "Filter.To",
                "The end of the time range must be after its start."
            ),
            "to-equals-from" => (new(From: Noon, To: Noon), null, 50, "Filter.To", "The end of the time range must be after its start."),
            "actor-too-long" => (new(Actor: new string('a', 257)), null, 50, "Filter.Actor", "256 characters or fewer"),
            "action-too-long" => (new(Action: new string('a', 129)), null, 50, "Filter.Action", "128 characters or fewer"),
            "target-too-long" => (new(Target: new string('a', 257)), null, 50, "Filter.Target", "256 characters or fewer"),
            "tenant-too-long" => (new(Tenant: new string('a', 64)), null, 50, "Filter.Tenant", "63 characters or fewer"),
            "outcome-unknown" => (new(Outcome: (AuditOutcome)42), null, 50, "Filter.Outcome", "Outcome"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
