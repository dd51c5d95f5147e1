using Tollway.Architecture.Tests.Checks;
using Tollway.Architecture.Tests.Graph;
using Tollway.Architecture.Tests.Rules;

namespace Tollway.Architecture.Tests;

/// <summary>
/// The folder graph of <c>src/</c>, read from the compiled assemblies, held to <see cref="TollwayRules"/> and
/// <see cref="KnownViolations"/>.
/// </summary>
public sealed class SourceArchitectureTests(ITestOutputHelper output)
{
    private static readonly Lazy<FolderGraph> SourceGraph = new(() => FolderGraph.Read(
        TollwayRules.Assemblies.Select(assembly => BuiltAssemblies.PathOf(assembly.FileName)), TollwayRules.Folders));

    [Fact]
    public void Check_SourceAssemblies_FindsOnlyTheKnownLoopsAndForbiddenArrows()
    {
        output.WriteLine(GraphSummary.Of(SourceGraph.Value));

        var failures = ArchitectureCheck.Failures(SourceGraph.Value, TollwayRules.Rules);

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void Read_SourceAssemblies_FindsArrowsOutOfEveryProject()
    {
        var projects = SourceGraph.Value.Arrows.Select(arrow => arrow.From.Split('/')[0]).ToHashSet();

        // Tollway.Chain.Abstractions shares the chain's root namespace, so the two count as one project here.
        Assert.Equal(TollwayRules.Assemblies.Select(assembly => assembly.RootNamespace).Distinct().Order(), projects.Order());
    }
}
