using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Rules;

/// <summary>
/// The folder loops and forbidden arrows that exist in <c>src/</c> today, each written exactly as it is. The check fails
/// when one of them changes, so this list only ever shrinks: whoever breaks a loop or an arrow deletes its entry here,
/// and a loop or arrow not listed cannot come (back) in. Issue 15 is breaking them.
/// </summary>
public static class KnownViolations
{
    public static IReadOnlyList<IReadOnlySet<string>> Loops { get; } = [];

    public static IReadOnlyList<Arrow> ForbiddenArrows { get; } = [];
}
