namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>One row of an audit log page: the event's id, its action and the row's markup.</summary>
internal sealed record AuditRow(Guid Id, string Action, string Html);
