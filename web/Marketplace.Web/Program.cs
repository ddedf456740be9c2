var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Marketplace");
app.Run();

public partial class Program;
