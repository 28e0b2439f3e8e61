"""Date and number formats per language where Django's own do not suit the programmes (English as written
in Europe: day before month, 24-hour clock, weeks from Monday)."""
