namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// An assembly whose folders are checked: its name as compiled (<c>tollway</c> for the executable) and the root
/// namespace its folders' namespaces start with (the project's name, which folders are labelled with).
/// </summary>
public sealed record SourceAssembly(string AssemblyName, string RootNamespace)
{
    public string FileName => AssemblyName + ".dll";
}
