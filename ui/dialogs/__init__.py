"""Dialogs: each in its own module, imported when first opened (not at start)."""
