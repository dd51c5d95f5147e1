using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Rules;

/// <summary>
/// Tollway's architecture as data: the assemblies of <c>src/</c> whose folders are checked, the folders that only group
/// others, and the arrows no folder may draw (DESIGN.md, "Layers: which way the arrows point").
/// </summary>
public static class TollwayRules
{
    public static IReadOnlyList<SourceAssembly> Assemblies { get; } =
    [
        new("tollway", "Tollway"),
        new("Tollway.Gateway", "Tollway.Gateway"),
        new("Tollway.Chain", "Tollway.Chain"),
        // The chain's contracts share its namespaces, so their folders are the chain's: Tollway.Chain/Deposits holds the
        // deposit store's contract (this assembly) and the deposit watcher (Tollway.Chain) alike.
        new("Tollway.Chain.Abstractions", "Tollway.Chain"),
        new("Tollway.Storage.Sqlite", "Tollway.Storage.Sqlite"),
        new("Tollway.Storage.Postgres", "Tollway.Storage.Postgres"),
        new("Tollway.Storage.Relational", "Tollway.Storage.Relational"),
    ];

    /// <summary>
    /// Folders that only group folders, each of whose sub-folders is a folder of its own (see <see cref="FolderMap"/>):
    /// the Gateway's areas, grouped by what they are for (src/README.md draws them).
    /// </summary>
    public static IReadOnlyList<string> GroupingFolders { get; } =
    [
        "Tollway.Gateway/Access", "Tollway.Gateway/Api", "Tollway.Gateway/Catalog", "Tollway.Gateway/Money",
        "Tollway.Gateway/Pipeline", "Tollway.Gateway/Platform", "Tollway.Gateway/Upstream",
    ];

    /// <summary>The Gateway's areas under the request pipeline.</summary>
    private static readonly string[] BelowTheEndpoints =
    [
        "Tollway.Gateway/Access/*", "Tollway.Gateway/Catalog/*", "Tollway.Gateway/Money/*", "Tollway.Gateway/Platform/*",
        "Tollway.Gateway/Upstream/*", "Tollway.Gateway/Wire", "Tollway.Gateway/Errors",
    ];

    public static IReadOnlyList<ForbiddenArrow> Forbidden { get; } =
    [
        .. ForbiddenArrow.Each(
            ["*/Providers", "*/Translation"], ["*/Billing", "*/Ledger"],
            "providers and translators move bytes; what a request costs is billing's business"),
        .. ForbiddenArrow.Each(
            [.. BelowTheEndpoints, "Tollway.Gateway/Pipeline/*"], ["Tollway.Gateway/Api/*", "Tollway.Gateway/Hosting"],
            "the endpoints and the registration sit on top: nothing below them calls up"),
        .. ForbiddenArrow.Each(
            ["Tollway.Gateway/Wire"],
            ["Tollway.Gateway/Access/*", "Tollway.Gateway/Catalog/*", "Tollway.Gateway/Money/*", "Tollway.Gateway/Platform/*",
                "Tollway.Gateway/Upstream/*", "Tollway.Gateway/Errors"],
            "wire holds the small pieces every layer shares, so it uses none of them"),
        .. ForbiddenArrow.Each(
            BelowTheEndpoints, ["Tollway.Gateway/Pipeline/*"],
            "the pipeline coordinates the areas below it; they never reach back into a request in flight"),
        .. ForbiddenArrow.Each(
            ["Tollway.Gateway/Catalog/*", "Tollway.Gateway/Money/Ledger", "Tollway.Gateway/Money/Pricing",
                "Tollway.Gateway/Platform/*"],
            ["Tollway.Gateway/Upstream/Routing", "Tollway.Gateway/Upstream/Translation", "Tollway.Gateway/Money/Billing",
                "Tollway.Gateway/Access/*"],
            "ledger, pricing and catalog (with the providers its endpoints point at) are the floor the request path stands on"),
        .. ForbiddenArrow.Each(
            ["*/Ledger"], ["*/Proxy", "*/Routing"],
            "the ledger keeps money rules below the request path"),
        .. ForbiddenArrow.Each(
            ["Tollway.Chain*"], ["*/Proxy", "*/Routing"],
            "the chain's domain sits below the request path"),
        .. ForbiddenArrow.Each(
            ["Tollway.Chain*"], ["*/Messages", "*/OpenAi", "*/Overload"],
            "x402 admits a request through billing's port (IX402Payments); the endpoints are not the chain's business"),
        .. ForbiddenArrow.Each(
            ["Tollway.Gateway*"], ["Tollway.Chain*"],
            "the gateway offers ports (IX402Payments) that the chain fills in; it never calls the chain"),
        .. ForbiddenArrow.Each(
            ["Tollway.Storage.*"],
            ["Tollway.Chain/Accounts", "Tollway.Chain/Api", "Tollway.Chain/Chains", "Tollway.Chain/Hosting",
                "Tollway.Chain/Rpc", "Tollway.Chain/SignIn"],
            "storage implements the chain's contracts (Tollway.Chain.Abstractions), never its client or endpoints"),
        .. ForbiddenArrow.Each(
            ["Tollway.Storage.*"],
            ["*/Admin", "*/Billing", "*/Messages", "*/OpenAi", "*/Overload", "*/Policies", "*/Providers", "*/Proxy",
                "*/Routing", "*/Translation"],
            "storage writes what the layers above decide: SQL only, no business rules"),
    ];

    public static FolderMap Folders { get; } = new(Assemblies, GroupingFolders);

    public static ArchitectureRules Rules { get; } =
        new(Forbidden, KnownViolations.Loops, KnownViolations.ForbiddenArrows);
}
