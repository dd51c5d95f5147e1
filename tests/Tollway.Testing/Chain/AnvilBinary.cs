namespace Tollway.Testing.Chain;

/// <summary>
/// Finds the anvil binary: <c>TWTEST_ANVIL</c> when set (scripts/test.sh sets it), else whatever
/// <c>scripts/anvil.sh</c> prints, which installs anvil from npm into a cache directory on first use.
/// </summary>
public static class AnvilBinary
{
    /// <summary>The variable that names the binary.</summary>
    public const string Variable = "TWTEST_ANVIL";

    private static readonly Lazy<string> Located = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The absolute path of the anvil binary.</summary>
    public static string Locate() => Located.Value;

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{Variable} names a file that does not exist.", configured);
        }

        var script = RepositoryFile("scripts/anvil.sh");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/anvil.sh failed ({process.ExitCode}): {errors}");
        }

        return output.Trim();
    }

    /// <summary>A file of the repository, found by walking up from the test binaries to <c>Tollway.slnx</c>.</summary>
    public static string RepositoryFile(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Tollway.slnx")))
            {
                return System.IO.Path.Combine(directory.FullName, relative);
            }
        }

        throw new InvalidOperationException("The repository root (Tollway.slnx) was not found above the test binaries.");
    }
}
