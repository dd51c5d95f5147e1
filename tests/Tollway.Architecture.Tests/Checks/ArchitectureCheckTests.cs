using Tollway.Architecture.Tests.Graph;
using Tollway.Architecture.Tests.Rules;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>The check proven on the fixtures: it reports exactly the loop and the arrow there are, and nothing else.</summary>
public sealed class ArchitectureCheckTests
{
    private static readonly ForbiddenArrow[] Forbidden =
        [new("*/Providers", "*/Billing", "a fixture rule"), new("*/Wire", "*/Api", "a fixture rule")];

    [Fact]
    public void Read_LoopedFixture_FindsItsThreeArrows() =>
        Assert.Equal(
            new[]
            {
                new Arrow(Fixtures.Billing, Fixtures.Proxy), new Arrow(Fixtures.Providers, Fixtures.Billing),
                new Arrow(Fixtures.Proxy, Fixtures.Billing),
            },
            Fixtures.Looped.Arrows);

    [Fact]
    public void Read_MethodBodyOnlyReference_CountsForTheMethodsType() =>
        Assert.Equal(
            new[] { "Tollway.Fixtures.Looped.Billing.Meter → Tollway.Fixtures.Looped.Proxy.Wire" },
            Fixtures.Looped.EdgesOf(new Arrow(Fixtures.Billing, Fixtures.Proxy)));

    [Fact]
    public void Read_LambdaOnlyReference_CountsForTheTypeDeclaringTheLambda() =>
        Assert.Equal(
            new[] { "Tollway.Fixtures.Looped.Providers.Client → Tollway.Fixtures.Looped.Billing.Meter" },
            Fixtures.Looped.EdgesOf(new Arrow(Fixtures.Providers, Fixtures.Billing)));

    [Fact]
    public void Read_LayeredFixture_FindsArrowsDownOnlyAsyncBodyIncluded() =>
        Assert.Equal(
            new[] { new Arrow(Fixtures.Api, Fixtures.Pipeline), new Arrow(Fixtures.Pipeline, Fixtures.Wire) },
            Fixtures.Layered.Arrows);

    [Fact]
    public void Failures_LoopedFixtureNothingKnown_ReportsExactlyItsLoopAndArrow()
    {
        var failures = ArchitectureCheck.Failures(Fixtures.Looped, new ArchitectureRules(Forbidden, [], []));

        Assert.Collection(
            failures,
            loop =>
            {
                Assert.StartsWith($"A new folder loop: {Fixtures.Billing} ⇄ {Fixtures.Proxy}.", loop);
                Assert.Contains("Tollway.Fixtures.Looped.Billing.Meter → Tollway.Fixtures.Looped.Proxy.Wire", loop);
                Assert.Contains("Tollway.Fixtures.Looped.Proxy.Request → Tollway.Fixtures.Looped.Billing.Meter", loop);
            },
            arrow =>
            {
                Assert.StartsWith("A forbidden arrow, against the rule */Providers ↛ */Billing", arrow);
                Assert.Contains(
                    $"{Fixtures.Providers} → {Fixtures.Billing}: "
                    + "Tollway.Fixtures.Looped.Providers.Client → Tollway.Fixtures.Looped.Billing.Meter",
                    arrow);
            });
    }

    [Fact]
    public void Failures_LoopedFixtureLoopAndArrowKnown_ReportsNothing() =>
        Assert.Empty(ArchitectureCheck.Failures(
            Fixtures.Looped,
            new ArchitectureRules(
                Forbidden, [Loop(Fixtures.Proxy, Fixtures.Billing)], [new Arrow(Fixtures.Providers, Fixtures.Billing)])));

    [Fact]
    public void Failures_LayeredFixture_ReportsNothing() =>
        Assert.Empty(ArchitectureCheck.Failures(Fixtures.Layered, new ArchitectureRules(Forbidden, [], [])));

    [Fact]
    public void Failures_KnownLoopGone_AsksToDeleteItsEntry()
    {
        var failures = ArchitectureCheck.Failures(
            Fixtures.Layered, new ArchitectureRules(Forbidden, [Loop(Fixtures.Api, Fixtures.Pipeline)], []));

        Assert.Equal(
            $"The known loop {Fixtures.Api} ⇄ {Fixtures.Pipeline} no longer exists: delete its entry in KnownViolations.Loops.",
            Assert.Single(failures));
    }

    [Fact]
    public void Failures_KnownLoopGainedAFolder_ReportsItGrewWithTheArrowsThatPulledItIn()
    {
        var failures = ArchitectureCheck.Failures(
            Fixtures.Looped, Known(Loop(Fixtures.Billing, Fixtures.Providers)));

        var grew = Assert.Single(failures);
        Assert.StartsWith(
            $"The known loop {Fixtures.Billing} ⇄ {Fixtures.Providers} grew into {Fixtures.Billing} ⇄ {Fixtures.Proxy}.",
            grew);
        Assert.Contains($"{Fixtures.Proxy} → {Fixtures.Billing}: Tollway.Fixtures.Looped.Proxy.Request", grew);
    }

    [Fact]
    public void Failures_KnownLoopsMerged_ReportsItGrew()
    {
        var failures = ArchitectureCheck.Failures(
            Fixtures.Looped, Known(Loop(Fixtures.Billing, Fixtures.Providers), Loop(Fixtures.Proxy, Fixtures.Providers)));

        Assert.Contains("grew into", Assert.Single(failures));
    }

    [Fact]
    public void Failures_KnownLoopLostAFolder_AsksToRewriteItsEntry()
    {
        var failures = ArchitectureCheck.Failures(
            Fixtures.Looped, Known(Loop(Fixtures.Billing, Fixtures.Proxy, Fixtures.Providers)));

        Assert.Equal(
            $"The known loop {Fixtures.Billing} ⇄ {Fixtures.Providers} ⇄ {Fixtures.Proxy} is now "
                + $"{Fixtures.Billing} ⇄ {Fixtures.Proxy}: {Fixtures.Providers} left it. "
                + "Write its entry in KnownViolations.Loops as it is now.",
            Assert.Single(failures));
    }

    [Fact]
    public void Failures_KnownForbiddenArrowGone_AsksToDeleteItsEntry()
    {
        var failures = ArchitectureCheck.Failures(
            Fixtures.Layered, new ArchitectureRules(Forbidden, [], [new Arrow(Fixtures.Wire, Fixtures.Api)]));

        Assert.Equal(
            $"The known forbidden arrow {Fixtures.Wire} → {Fixtures.Api} no longer exists: "
                + "delete its entry in KnownViolations.ForbiddenArrows.",
            Assert.Single(failures));
    }

    private static ArchitectureRules Known(params IReadOnlySet<string>[] loops) =>
        new([], loops, []);

    private static HashSet<string> Loop(params string[] folders) => folders.ToHashSet();
}
