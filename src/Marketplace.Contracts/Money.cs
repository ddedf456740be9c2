using System.Globalization;

namespace Marketplace.Contracts;

/// <summary>An amount in minor units (cents) of an ISO 4217 currency. Never floating point.</summary>
[GenerateSerializer, Immutable]
public sealed record Money([property: Id(0)] long Minor, [property: Id(1)] string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Plus(Money other) => new(checked(Minor + SameCurrency(other).Minor), Currency);
    public Money Minus(Money other) => new(checked(Minor - SameCurrency(other).Minor), Currency);

    private Money SameCurrency(Money other) => other.Currency == Currency
        ? other
        : throw MarketplaceException.Invalid($"Cannot mix {Currency} and {other.Currency}.");

    /// <summary>
    /// The one way an amount reads to people, on pages, in notices and timelines: "$420" for a whole amount,
    /// "$1,250.50" otherwise ("€", "£" likewise; other currencies as "1,250.50 CHF"). Grains interpolate amounts and the
    /// web's <c>Display.Money</c> calls this, so no two places can drift into "420.00 USD" and "$420".
    /// </summary>
    public override string ToString()
    {
        var symbol = Currency switch { "USD" => "$", "EUR" => "€", "GBP" => "£", _ => "" };
        var amount = (Math.Abs(Minor) / 100m).ToString(Minor % 100 == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
        var sign = Minor < 0 ? "-" : "";
        return symbol.Length > 0 ? $"{sign}{symbol}{amount}" : $"{sign}{amount} {Currency}";
    }
}
