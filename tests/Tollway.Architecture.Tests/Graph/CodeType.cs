namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// A type of the checked assemblies as the check counts it: the folder it lives in and its full name. Nested and
/// compiler-generated types (closures, state machines, <c>&lt;&gt;c</c>) count as the outermost type that declares them.
/// </summary>
public sealed record CodeType(string Folder, string Name)
{
    public override string ToString() => Name;
}
