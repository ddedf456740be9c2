using Marketplace.Benchmarks;

// dotnet run -c Release --project tests/Marketplace.Benchmarks [-- --quick]
//   prints the comparison table (see docs/benchmarks.md).
// dotnet Marketplace.Benchmarks.dll run <ours|skia|skia-full> <input> <images>
//   one contender in its own process (the table runs these), so its peak RSS is its own.
if (args is ["run", var contender, var input, var images])
{
    var (seconds, cpu) = Contenders.Run(contender, input, int.Parse(images));
    Console.WriteLine($"elapsed={seconds:R}");
    Console.WriteLine($"cpu={cpu:R}");
    return 0;
}

return await Comparison.RunAsync(quick: args.Contains("--quick"));
