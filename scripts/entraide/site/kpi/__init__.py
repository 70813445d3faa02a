"""The KPI pages: one section per indicator (`sections`, `support`) assembled by `pages`."""
