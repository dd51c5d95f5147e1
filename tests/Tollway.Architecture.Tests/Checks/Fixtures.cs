using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>
/// The two fixture assemblies under <c>Fixtures/</c>, read like src: <c>Looped</c> has the loop Billing ⇄ Proxy (one
/// way only by a fully qualified name in a method body) and the arrow Providers → Billing (only inside a lambda);
/// <c>Layered</c> has Api → Pipeline (only inside an async method) → Wire and no loop.
/// </summary>
internal static class Fixtures
{
    public const string Billing = "Tollway.Fixtures.Looped/Billing";
    public const string Proxy = "Tollway.Fixtures.Looped/Proxy";
    public const string Providers = "Tollway.Fixtures.Looped/Providers";
    public const string Api = "Tollway.Fixtures.Layered/Api";
    public const string Pipeline = "Tollway.Fixtures.Layered/Pipeline";
    public const string Wire = "Tollway.Fixtures.Layered/Wire";

    public static FolderGraph Looped { get; } = Read("Tollway.Fixtures.Looped");

    public static FolderGraph Layered { get; } = Read("Tollway.Fixtures.Layered");

    private static FolderGraph Read(string name) =>
        FolderGraph.Read([BuiltAssemblies.PathOf(name + ".dll")], new FolderMap([new SourceAssembly(name, name)], []));
}
