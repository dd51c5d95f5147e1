namespace Tollway.Gateway.Money.Billing;

/// <summary>Told when money arrives on an account, so a node that found it empty looks again at once.</summary>
public interface ICreditListener
{
    /// <summary>An account was credited.</summary>
    void NotifyCredited(string accountId);
}
