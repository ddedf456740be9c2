namespace Marketplace.Payments;

/// <summary>Configuration section <c>Marketplace:Payments</c>. Only the ledger exists today; Stripe comes later.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Marketplace:Payments";

    /// <summary><c>Ledger</c> (default). A Stripe gateway will register itself for <c>Stripe</c>.</summary>
    public string Provider { get; set; } = "Ledger";
}
