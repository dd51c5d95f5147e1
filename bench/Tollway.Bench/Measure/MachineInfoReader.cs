using System.Globalization;
using System.Runtime.InteropServices;
using Tollway.Bench.Arms;
using Tollway.Bench.Hosting;
using Tollway.Bench.Results;

namespace Tollway.Bench.Measure;

/// <summary>Reads what the results table says about the machine and the tools' versions.</summary>
internal static class MachineInfoReader
{
    public static MachineInfo Read(BenchSettings settings)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "Linux"
            : RuntimeInformation.OSDescription;
        var wrk = ProcessText.Run("wrk", ["-v"]).Split('\n').FirstOrDefault(l => l.StartsWith("wrk", StringComparison.Ordinal))?.Trim() ?? "";
        var portkey = PortkeyArm.FindServer(settings.PortkeyDirectory) is { } server
            ? File.ReadLines(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(server)!)!, "package.json"))
                .FirstOrDefault(l => l.Contains("\"version\"", StringComparison.Ordinal))?.Split('"')[3] ?? ""
            : "not installed";
        return new MachineInfo(
            cpu, MachineLoad.CoreCount(), Math.Round(long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1), os,
            File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), RuntimeInformation.FrameworkDescription,
            ProcessText.Run("node", ["--version"]).Trim(), wrk, portkey);
    }
}
