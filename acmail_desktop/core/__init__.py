"""Mail logic with no Qt import: usable and tested without a display."""
