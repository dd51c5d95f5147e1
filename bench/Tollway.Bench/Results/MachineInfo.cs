namespace Tollway.Bench.Results;

/// <summary>The machine a run came from, and the versions of the tools that took part.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, double MemoryGb, string Os, string Kernel, string DotNet, string Node, string Wrk, string Portkey);
