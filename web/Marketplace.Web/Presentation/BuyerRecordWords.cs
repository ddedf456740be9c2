using Marketplace.Contracts.Reviews;

namespace Marketplace.Web.Presentation;

/// <summary>"Bea Baker has run 5 contests on Marketplace: chose a winner in 4, 1 closed without a choice."</summary>
public static class BuyerRecordWords
{
    public static string Of(BuyerRecordView record)
    {
        if (record.IsFirstContest)
        {
            return $"{record.DisplayName}: first contest on Marketplace.";
        }

        var run = record.ContestsRun == 1 ? "1 contest" : $"{record.ContestsRun} contests";
        var chose = record.WinnersChosen == 0 ? "chose no winner yet" : $"chose a winner in {record.WinnersChosen}";
        var closed = record.ClosedWithoutChoice == 0 ? "" : $", {record.ClosedWithoutChoice} closed without a choice";
        return $"{record.DisplayName} has run {run} on Marketplace: {chose}{closed}.";
    }
}
