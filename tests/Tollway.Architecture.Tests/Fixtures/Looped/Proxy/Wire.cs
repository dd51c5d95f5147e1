namespace Tollway.Fixtures.Looped.Proxy;

/// <summary>A small piece of Proxy that Billing calls.</summary>
public static class Wire
{
    public static int Frame(int size) => size + 4;
}
