"""One module per step of the preparation, each a StepPage built when first shown."""
