using Marketplace.Contracts;
using Microsoft.Extensions.Logging;

namespace Marketplace.Payments;

/// <summary>
/// The default gateway when no payment provider is configured: no outside money moves, the escrow grain's own
/// movements are the ledger. References are derived from the idempotency key, so retries get the same reference.
/// </summary>
public sealed partial class LedgerPaymentGateway(ILogger<LedgerPaymentGateway> logger) : IPaymentGateway
{
    public Task<string> CollectAsync(string idempotencyKey, string buyerId, Money amount, CancellationToken cancellationToken = default) =>
        Record("collect", idempotencyKey, buyerId, amount);

    public Task<string> PayOutAsync(string idempotencyKey, string creativeId, Money amount, CancellationToken cancellationToken = default) =>
        Record("payout", idempotencyKey, creativeId, amount);

    public Task<string> RefundAsync(string idempotencyKey, string buyerId, Money amount, CancellationToken cancellationToken = default) =>
        Record("refund", idempotencyKey, buyerId, amount);

    private Task<string> Record(string kind, string idempotencyKey, string partyId, Money amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (amount.Minor < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A movement is never negative.");
        }

        LogMovement(kind, idempotencyKey, partyId, amount.ToString());
        return Task.FromResult($"ledger:{kind}:{idempotencyKey}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger {Kind} {IdempotencyKey} for {PartyId}: {Amount}")]
    private partial void LogMovement(string kind, string idempotencyKey, string partyId, string amount);
}
