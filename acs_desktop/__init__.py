"""ACS Desktop: office software for the Abonnement Culturel Solidaire."""

__version__ = "0.2.0"
APP_NAME = "ACS Desktop"
APP_SLUG = "acs-desktop"
