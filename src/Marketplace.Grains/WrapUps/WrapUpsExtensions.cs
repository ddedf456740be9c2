using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.WrapUps;

public static class WrapUpsExtensions
{
    /// <summary>The wrap-up and mediation options from <c>Marketplace:WrapUps</c>, validated when the silo starts.</summary>
    public static IServiceCollection AddWrapUps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WrapUpOptions>()
            .Bind(configuration.GetSection(WrapUpOptions.SectionName))
            .Validate(o => o.Validate() is null, "Marketplace:WrapUps is invalid: check the durations (QueueAfter must exceed NudgeAfter; CheckEvery at least a minute).")
            .ValidateOnStart();
        return services;
    }
}
