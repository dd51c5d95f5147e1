using System.Diagnostics;
using System.Globalization;
using Tollway.Gateway.Pipeline.Overload;

namespace Tollway.Gateway.Tests.Pipeline.Overload;

public sealed class OpenFileLimitTests
{
    private const string Limits = """
        Limit                     Soft Limit           Hard Limit           Units     
        Max cpu time              unlimited            unlimited            seconds   
        Max processes             127431               127431               processes 
        Max open files            20000                524288               files     
        Max locked memory         8388608              8388608              bytes     
        """;

    [Fact]
    public void Parse_ProcLimits_ReadsTheSoftLimit() => Assert.Equal(20_000, OpenFileLimit.Parse(Limits));

    [Fact]
    public void Parse_Unlimited_IsUnknown() =>
        Assert.Null(OpenFileLimit.Parse(Limits.Replace("20000                524288", "unlimited            unlimited", StringComparison.Ordinal)));

    [Fact]
    public void Parse_NoOpenFilesRow_IsUnknown() => Assert.Null(OpenFileLimit.Parse("Max processes             127431               127431               processes"));

    [Fact]
    public async Task Read_OnLinux_IsTheLimitAChildShellInherits()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/limits exists on Linux only");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("ulimit -n");
        using var shell = Process.Start(start)!;
        var printed = (await shell.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)).Trim();
        await shell.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(printed == "unlimited" ? null : long.Parse(printed, CultureInfo.InvariantCulture), OpenFileLimit.Read());
    }
}
