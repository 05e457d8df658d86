"""Pure domain helpers: ticket codes, French formats, seasons, the domain error. No Qt, no database."""
