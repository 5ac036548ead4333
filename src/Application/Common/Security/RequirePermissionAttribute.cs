namespace Natero.Connectors.Application.Common.Security;

/// <summary>The request needs this tenant permission in the current tenant.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute(string permission) : Attribute
{
    public string Permission { get; } = permission;
}
