using Tollway.Architecture.Tests.Graph;
using Tollway.Architecture.Tests.Rules;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>
/// Everything wrong with a folder graph against the rules, one message per loop or arrow; none when it holds.
/// </summary>
public static class ArchitectureCheck
{
    public static IReadOnlyList<string> Failures(FolderGraph graph, ArchitectureRules rules) =>
    [
        .. LoopCheck.Failures(graph, rules.KnownLoops),
        .. ArrowCheck.Failures(graph, rules.Forbidden, rules.KnownForbiddenArrows),
    ];
}
