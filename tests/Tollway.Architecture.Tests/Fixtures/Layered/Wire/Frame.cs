namespace Tollway.Fixtures.Layered.Wire;

/// <summary>The bottom of the fixture: it uses nothing above it.</summary>
public static class Frame
{
    public static int Length(int size) => size + 4;
}
