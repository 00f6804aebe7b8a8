"""Pictures people upload: checked by their content, made safe and small (`processing`), and kept
behind a small storage interface (`storage`). Knows nothing of ideas; the ideas feature uses it."""
