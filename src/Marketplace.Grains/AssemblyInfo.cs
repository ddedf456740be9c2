namespace Marketplace.Grains;
