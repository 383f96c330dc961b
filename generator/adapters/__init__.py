"""Code that depends on other libraries' internals, each behind a small interface with a contract test."""
