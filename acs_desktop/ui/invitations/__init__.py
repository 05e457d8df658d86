"""The Invitations tab: bookings, places, attendance and reasons for absence."""
