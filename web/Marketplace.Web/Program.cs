using Marketplace.Web.Health;
using Marketplace.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddMarketplaceInfrastructure();

var app = builder.Build();
app.MapMarketplaceHealth();
app.MapGet("/", () => Results.Content("<!doctype html><title>Marketplace</title><h1>Marketplace</h1><p>Coming soon.</p>", "text/html"));
app.Run();

public partial class Program;
