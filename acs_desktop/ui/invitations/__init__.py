"""Onglet Invitations : réservations, places, présence et motifs d'absence."""
