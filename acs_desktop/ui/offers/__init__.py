"""Onglet Offre : spectacles, représentations, annulations et relais à prévenir."""
