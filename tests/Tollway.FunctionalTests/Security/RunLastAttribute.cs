namespace Tollway.FunctionalTests.Security;

/// <summary>Marks a test that <see cref="RunLastOrderer"/> runs after the rest of its class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunLastAttribute : Attribute;
