namespace Tollway.Fixtures.Layered.Pipeline;

/// <summary>Pipeline → Wire: the arrows of this fixture all point down.</summary>
public static class Stage
{
    public static int Run(int size) => Wire.Frame.Length(size);
}
