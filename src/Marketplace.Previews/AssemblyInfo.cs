namespace Marketplace.Previews;
