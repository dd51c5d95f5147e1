namespace Tollway.Architecture.Tests;

/// <summary>
/// The compiled assemblies the check reads: the test project references every src project and both fixtures, so the
/// build copies their assemblies beside this one.
/// </summary>
internal static class BuiltAssemblies
{
    public static string PathOf(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"{fileName} is not in the test's output directory: does the test project reference it?", path);
    }
}
