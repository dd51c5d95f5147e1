namespace Tollway.Architecture.Tests.Graph;

/// <summary>Which folder a type is in: nested namespaces fold into their parent, grouping folders do not.</summary>
public sealed class FolderMapTests
{
    private static readonly FolderMap Map = new(
        [new SourceAssembly("tollway", "Tollway"), new SourceAssembly("Tollway.Gateway", "Tollway.Gateway")],
        ["Tollway.Gateway/Pipeline"]);

    [Theory]
    [InlineData("Tollway.Gateway", "Tollway.Gateway.Proxy", "InspectedRequest", "Tollway.Gateway/Proxy")]
    [InlineData("Tollway.Gateway", "Tollway.Gateway.Catalog.Import", "Importer", "Tollway.Gateway/Catalog")]
    [InlineData("Tollway.Gateway", "Tollway.Gateway.Pipeline.Wire", "TokenUsage", "Tollway.Gateway/Pipeline/Wire")]
    [InlineData("Tollway.Gateway", "Tollway.Gateway.Pipeline.Wire.Sse", "SseReader", "Tollway.Gateway/Pipeline/Wire")]
    [InlineData("Tollway.Gateway", "Tollway.Gateway.Pipeline", "Stage", "Tollway.Gateway/Pipeline")]
    [InlineData("tollway", "Tollway", "Log", "Tollway")]
    [InlineData("tollway", "", "Program", "Tollway")]
    public void FolderOf_OwnType_IsItsFolder(string assembly, string @namespace, string type, string folder) =>
        Assert.Equal(folder, Map.FolderOf(assembly, @namespace, type));

    [Theory]
    [InlineData("tollway", "", "<PrivateImplementationDetails>")]
    [InlineData("Tollway.Gateway", "Microsoft.Extensions.Configuration.Binder.SourceGeneration", "BindingExtensions")]
    [InlineData("Tollway.Gateway", "Tollway.GatewayX", "Lookalike")]
    [InlineData("System.Runtime", "System", "String")]
    public void FolderOf_GeneratedOrForeignType_IsNoFolder(string assembly, string @namespace, string type) =>
        Assert.Null(Map.FolderOf(assembly, @namespace, type));
}
