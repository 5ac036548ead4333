using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages.Shared.Audit;

/// <summary>
/// The audit log page, for the platform (every tenant) and for one tenant: the same filters, keyset
/// paging newest first, CSV export of the current filter and chain verification. Subclasses say
/// which queries to send, so that the tenant page can never reach past its tenant.
/// </summary>
public abstract class AuditLogPageModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "tenant")]
    public string? TenantFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? AuditAction { get; set; }

    [BindProperty(SupportsGet = true, Name = "target")]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true, Name = "outcome")]
    public AuditOutcome? Outcome { get; set; }

    /// <summary>UTC, as a <c>datetime-local</c> field sends it.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public AuditEventPage Results { get; private set; } = new([], null);

    public AuditChainVerificationDto? Verification { get; private set; }

    /// <summary>Whether rows show their tenant and the filter offers one: the platform page.</summary>
    public abstract bool IsPlatform { get; }

    /// <summary>The page's own path, for its links.</summary>
    public abstract string BasePath { get; }

    public bool IsFirstPage => Cursor is null;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Runs the verifier on the chain the page is about, and shows the result above the log.</summary>
    public async Task<IActionResult> OnGetVerifyAsync(CancellationToken cancellationToken)
    {
        var verified = await sender.Send(VerifyChain(), cancellationToken);
        if (!verified.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), verified.Error!);
        }

        Verification = verified.Value;
        return await LoadAsync(cancellationToken);
    }

    /// <summary>The current filter's events as CSV, streamed while they are read.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken);
        }

        var export = await sender.Send(Export(CurrentFilter()), cancellationToken);
        if (!export.IsSuccess)
        {
            return await this.RedisplayWithAsync(() => LoadAsync(cancellationToken), export.Error!);
        }

        return new StreamedFileResult(export.Value.FileName, "text/csv; charset=utf-8", (body, ct) =>
            AuditCsv.WriteAsync(body, export.Value.Events, ct)
        );
    }

    /// <summary>The query string of the current filter, plus <paramref name="extra"/> (e.g. a cursor or a handler).</summary>
    public string Link(params (string Key, string? Value)[] extra)
    {
        var pairs = new List<(string, string?)>
        {
            ("tenant", IsPlatform ? TenantFilter : null),
            ("actor", Actor),
            ("action", AuditAction),
            ("target", Target),
            ("outcome", Outcome?.ToString()),
            ("from", LocalValue(From)),
            ("to", LocalValue(To)),
        };
        pairs.AddRange(extra);
        var query = string.Join(
            '&',
            pairs.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}")
        );
        return query.Length == 0 ? BasePath : $"{BasePath}?{query}";
    }

    public string DetailLink(Guid id) => $"{BasePath}/{id}";

    /// <summary>A time as a datetime-local value: to the minute when that is all it holds, else to the millisecond.</summary>
    public static string? LocalValue(DateTime? at) =>
        at?.ToString(
            at.Value.Ticks % TimeSpan.TicksPerMinute == 0 ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-ddTHH:mm:ss.FFF",
            CultureInfo.InvariantCulture
        );

    protected abstract IQuery<Result<AuditEventPage>> Search(AuditEventFilter filter, string? cursor);

    protected abstract IQuery<Result<AuditExport>> Export(AuditEventFilter filter);

    protected abstract IQuery<Result<AuditChainVerificationDto>> VerifyChain();

    private AuditEventFilter CurrentFilter() =>
        new(
            IsPlatform ? TenantFilter : null,
            Actor,
            AuditAction,
            Target,
            Outcome,
            From is { } from ? new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)) : null,
            To is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)) : null
        );

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        // A value the filter could not read (an unknown outcome, a malformed date) is named on the form.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(Search(CurrentFilter(), Cursor), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Results = result.Value;
        return Page();
    }
}
