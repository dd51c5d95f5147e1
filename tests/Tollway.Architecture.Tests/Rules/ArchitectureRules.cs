using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Rules;

/// <summary>
/// What the check holds a folder graph to: the arrows no folder may draw, and the loops and forbidden arrows that exist
/// today and are tolerated until they are broken (each listed exactly as it is, so the lists only shrink).
/// </summary>
public sealed record ArchitectureRules(
    IReadOnlyList<ForbiddenArrow> Forbidden,
    IReadOnlyList<IReadOnlySet<string>> KnownLoops,
    IReadOnlyList<Arrow> KnownForbiddenArrows);
