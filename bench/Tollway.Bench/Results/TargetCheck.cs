namespace Tollway.Bench.Results;

/// <summary>One of issue 4's targets for a Tollway arm: what it asks, what was measured, and whether it holds.</summary>
internal sealed record TargetCheck(string Arm, string Target, string Measured, bool? Holds)
{
    public string Verdict => Holds switch { true => "holds", false => "**missed**", null => "not measured" };
}
