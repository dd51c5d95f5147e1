namespace Tollway.Fixtures.Looped.Providers;

/// <summary>
/// Providers → Billing (the forbidden arrow) only inside a lambda, whose body the compiler moves into a nested class of
/// its own (<c>&lt;&gt;c</c>): the arrow counts for Providers all the same.
/// </summary>
public static class Client
{
    public static Func<int, int> Sizer() => tokens => new Billing.Meter { Tokens = tokens }.Size();
}
