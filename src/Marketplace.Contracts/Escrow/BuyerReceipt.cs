namespace Marketplace.Contracts.Escrow;

/// <summary>
/// What the buyer paid for one project, for their books: the payment into escrow and, below it, each amount that came
/// back (a refund, the buyer's part of a split). Read from escrow's movements, so it states exactly what moved. The fee
/// is the creative's cost (it comes out of the prize), so a receipt names none.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BuyerReceipt(
    [property: Id(0)] string ProjectId,
    [property: Id(1)] string ProjectTitle,
    [property: Id(2)] string ReceiptNumber,
    [property: Id(3)] string BuyerName,
    [property: Id(4)] string BuyerEmail,
    [property: Id(5)] DateTimeOffset PaidAt,
    [property: Id(6)] Money AmountPaid,
    [property: Id(7)] string PaymentMethod,
    [property: Id(8)] string PaymentReference,
    [property: Id(9)] IReadOnlyList<ReceiptReturn> Returns,
    [property: Id(10)] Money NetPaid);

public enum ReceiptReturnKind
{
    /// <summary>The prize (or what was left of it) refunded in full.</summary>
    Refund,

    /// <summary>The buyer's part of a split settlement.</summary>
    SplitShare,
}

/// <summary>One amount back to the buyer, with its own number (derived like the receipt's, from its operation id).</summary>
[GenerateSerializer, Immutable]
public sealed record ReceiptReturn(
    [property: Id(0)] string Number,
    [property: Id(1)] ReceiptReturnKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] Money Amount,
    [property: Id(4)] string PaymentReference);
