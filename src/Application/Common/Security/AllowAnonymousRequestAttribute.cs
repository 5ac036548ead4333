namespace Natero.Connectors.Application.Common.Security;

/// <summary>The request may run without a signed-in user. Everything else needs one.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
