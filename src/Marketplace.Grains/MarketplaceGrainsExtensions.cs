using Marketplace.Contracts;
using Marketplace.Email;
using Marketplace.Grains.Projects;
using Marketplace.Grains.Reports;
using Marketplace.Grains.Reviews;
using Marketplace.Grains.Users;
using Marketplace.Grains.WrapUps;
using Marketplace.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketplace.Grains;

public static class MarketplaceGrainsExtensions
{
    /// <summary>
    /// Everything the domain grains need on a silo: their options (from <c>Marketplace:*</c>), the payment gateway
    /// (the ledger unless another gateway was registered first), the email sender (<see cref="EmailServiceCollectionExtensions"/>) and the domain clock (<see cref="MarketplaceClock"/>, <see cref="TimeProvider.System"/>
    /// unless tests registered a fake one first).
    /// </summary>
    public static IServiceCollection AddMarketplaceGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeeOptions>().Bind(configuration.GetSection(FeeOptions.SectionName))
            .Validate(o => o.PlatformFeePercent is >= 0m and <= 100m, "Marketplace:Fees:PlatformFeePercent must be between 0 and 100.")
            .ValidateOnStart();
        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.SectionName));
        services.AddOptions<ProjectRulesOptions>().Bind(configuration.GetSection(ProjectRulesOptions.SectionName))
            .Validate(o => o.MaxUnansweredQuestions > 0, "Marketplace:Projects:MaxUnansweredQuestions must be positive.")
            .ValidateOnStart();
        services.AddOptions<UserRulesOptions>().Bind(configuration.GetSection(UserRulesOptions.SectionName))
            .Validate(o => o.RemovalRetryEvery > TimeSpan.Zero, "Marketplace:Users:RemovalRetryEvery must be positive.")
            .ValidateOnStart();
        services.AddOptions<ReportRulesOptions>().Bind(configuration.GetSection(ReportRulesOptions.SectionName))
            .Validate(o => o.MaxOpenPerReporter > 0, "Marketplace:Reports:MaxOpenPerReporter must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.SectionName))
            .Validate(o => o.EditWindow >= TimeSpan.Zero, "Marketplace:Reviews:EditWindow must not be negative.")
            .ValidateOnStart();
        services.AddWrapUps(configuration);
        services.AddMarketplaceEmail(configuration);

        services.TryAddKeyedSingleton(MarketplaceClock.Key, TimeProvider.System);
        services.TryAddSingleton<IPaymentGateway, LedgerPaymentGateway>();
        return services;
    }
}
