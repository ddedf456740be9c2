namespace Marketplace.Grains.Tests;
