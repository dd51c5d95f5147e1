namespace Tollway.Architecture.Tests.Graph;

/// <summary>One type referencing another of a different folder: what an arrow between two folders is made of.</summary>
public readonly record struct TypeEdge(CodeType From, CodeType To)
{
    public override string ToString() => $"{From} → {To}";
}
