using Tollway.Architecture.Tests.Graph;
using Tollway.Architecture.Tests.Rules;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>
/// Holds a graph's arrows to the forbidden-arrow rules: an arrow a rule forbids that is not known is a failure, and so
/// is a known forbidden arrow that is gone (its entry must go too).
/// </summary>
internal static class ArrowCheck
{
    private const string ListName = "KnownViolations.ForbiddenArrows";

    public static IEnumerable<string> Failures(
        FolderGraph graph, IReadOnlyList<ForbiddenArrow> rules, IReadOnlyList<Arrow> knownForbidden)
    {
        var forbidden = graph.Arrows.Where(arrow => rules.Any(rule => rule.Forbids(arrow))).ToList();
        foreach (var arrow in forbidden.Except(knownForbidden))
        {
            var rule = rules.First(rule => rule.Forbids(arrow));
            yield return $"A forbidden arrow, against the rule {rule}:\n    " + ArrowDescriptions.Of(graph, arrow);
        }

        foreach (var arrow in knownForbidden.Except(forbidden))
        {
            yield return $"The known forbidden arrow {arrow} no longer exists: delete its entry in {ListName}.";
        }
    }
}
