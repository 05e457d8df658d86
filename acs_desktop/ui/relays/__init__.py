"""The Relays tab: social relays and their referents."""
