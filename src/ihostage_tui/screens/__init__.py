"""The reader's screens, one module per screen."""
