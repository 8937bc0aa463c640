"""Reading other directories' exports into records (`local-offer import`)."""
