"""The Offer tab: shows, performances, cancellations and the relays to warn."""
