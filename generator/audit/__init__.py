"""`local-offer audit`: accessibility checks on the council's own built site, beyond what axe-core can see."""
