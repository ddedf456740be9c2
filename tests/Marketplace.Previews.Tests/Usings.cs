namespace Marketplace.Previews.Tests;
