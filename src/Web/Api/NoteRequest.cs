namespace Natero.Connectors.Web.Api;

public sealed record NoteRequest(string? Note);
