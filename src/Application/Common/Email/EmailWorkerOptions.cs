namespace Natero.Connectors.Application.Common.Email;

/// <summary>The <c>Email:Worker:*</c> keys.</summary>
public sealed class EmailWorkerOptions
{
    /// <summary>Off in an instance that should only queue mail and leave sending to the others.</summary>
    public bool Enabled { get; set; } = true;
}
