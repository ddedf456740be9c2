namespace Marketplace.Payments;
