namespace Marketplace.Payments;

/// <summary>How a receipt names the way money moved, read from the gateway's reference ("ledger:…" today).</summary>
public static class PaymentMethods
{
    public const string Ledger = "Marketplace ledger";

    /// <summary>Only the ledger exists yet; a provider added later (Stripe) names its own references here.</summary>
    public static string Of(string gatewayReference) =>
        gatewayReference.StartsWith("ledger:", StringComparison.Ordinal) ? Ledger : "Payment provider";
}
