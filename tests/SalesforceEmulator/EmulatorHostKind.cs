namespace Natero.Connectors.SalesforceEmulator;

/// <summary>The Salesforce host a loopback address stands for (see README.md for the address of each).</summary>
public enum EmulatorHostKind
{
    /// <summary>login.salesforce.com</summary>
    ProductionLogin,

    /// <summary>test.salesforce.com</summary>
    SandboxLogin,

    /// <summary>Where the <c>id</c> URLs of production orgs point.</summary>
    ProductionIdentity,

    /// <summary>Where the <c>id</c> URLs of sandbox orgs point.</summary>
    SandboxIdentity,

    /// <summary>NAME.my.salesforce.com or NAME--SBX.sandbox.my.salesforce.com: login for one org and its instance host.</summary>
    MyDomain,
}
