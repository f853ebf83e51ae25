"""Machine-learning core (models, data sets, training engine)."""
