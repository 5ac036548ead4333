namespace Natero.Connectors.Application.Common.Email;

/// <summary>
/// Outgoing mail, queued in the unit of work of the change that causes it: the message is saved with that
/// change (or not at all when it rolls back) and a worker sends it afterwards, retrying while the mail
/// server is away. Nothing is sent before the change commits.
/// </summary>
public interface IEmailOutbox
{
    void Enqueue(OutgoingEmail email);
}
