"""The partners' and maintainers' tools: form, CMS, new offer, updates, geocoding, import, translations."""
